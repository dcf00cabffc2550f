-- The example shop: customers, products, orders and order lines.
-- (`order` is a reserved word: it is quoted here, and by dovetail wherever it appears.)
CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    referred_by INTEGER REFERENCES customer (id)
);
CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    price NUMERIC(10, 2) NOT NULL
);
CREATE TABLE "order" (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    placed_at TIMESTAMP NOT NULL
);
CREATE TABLE order_line (
    order_id INTEGER NOT NULL REFERENCES "order" (id),
    product_id INTEGER NOT NULL REFERENCES product (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
