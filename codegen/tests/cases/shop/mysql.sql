CREATE TABLE customer (
    id INTEGER AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(100) UNIQUE,
    referred_by INTEGER REFERENCES customer (id) ON DELETE SET NULL,
    joined DATE NOT NULL DEFAULT (CURRENT_DATE)
);
CREATE TABLE product (
    id INTEGER AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    price NUMERIC(10, 2) NOT NULL,
    weight DOUBLE,
    active TINYINT(1) NOT NULL DEFAULT 1,
    picture BLOB,
    attributes JSON,
    code CHAR(36)
);
CREATE TABLE `order` (
    id INTEGER AUTO_INCREMENT PRIMARY KEY,
    buyer INTEGER NOT NULL REFERENCES customer (id),
    gift_for INTEGER REFERENCES customer (id),
    placed_at DATETIME NOT NULL,
    ships_at TIME
);
CREATE TABLE order_line (
    order_id INTEGER NOT NULL REFERENCES `order` (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES product (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
CREATE TABLE shipment (
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    sent DATE NOT NULL,
    FOREIGN KEY (order_id, product_id) REFERENCES order_line (order_id, product_id)
);
CREATE TABLE event_log (message TEXT NOT NULL, at DATETIME);
CREATE VIEW big_spender AS SELECT c.name AS name, COUNT(o.id) AS orders
    FROM customer c JOIN `order` o ON o.buyer = c.id GROUP BY c.name;
CREATE TABLE review (
    id INTEGER AUTO_INCREMENT PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    mood ENUM('happy', 'so-so', 'sad') NOT NULL,
    previous ENUM('happy', 'so-so', 'sad')
);
CREATE TABLE voucher (
    id INTEGER AUTO_INCREMENT PRIMARY KEY,
    code VARCHAR(20) NOT NULL UNIQUE,
    code_length INTEGER GENERATED ALWAYS AS (CHAR_LENGTH(code)) VIRTUAL
);
