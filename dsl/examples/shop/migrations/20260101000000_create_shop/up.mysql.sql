-- MySQL/MariaDB quote `order` with backticks and declare foreign keys as constraints.
CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    referred_by INTEGER,
    CONSTRAINT customer_referred_by FOREIGN KEY (referred_by) REFERENCES customer (id)
);
CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    price NUMERIC(10, 2) NOT NULL
);
CREATE TABLE `order` (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    placed_at DATETIME NOT NULL,
    CONSTRAINT order_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);
CREATE TABLE order_line (
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_line_order FOREIGN KEY (order_id) REFERENCES `order` (id),
    CONSTRAINT order_line_product FOREIGN KEY (product_id) REFERENCES product (id)
);
