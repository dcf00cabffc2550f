-- The example shop: customers, products, orders and order lines.
CREATE TABLE IF NOT EXISTS customer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    referred_by INTEGER REFERENCES customer (id)
);
CREATE TABLE IF NOT EXISTS product (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "order" (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    placed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS order_line (
    order_id INTEGER NOT NULL REFERENCES "order" (id),
    product_id INTEGER NOT NULL REFERENCES product (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
INSERT OR IGNORE INTO customer (id, name, email, referred_by) VALUES
    (1, 'Ada Lovelace', 'ada@example.com', NULL),
    (2, 'Charles Babbage', 'charles@example.com', 1),
    (3, 'Grace Hopper', 'grace@example.com', 1);
INSERT OR IGNORE INTO product (id, name, price) VALUES
    (1, 'Difference engine', '1700.00'),
    (2, 'Punched cards (100)', '2.50'),
    (3, 'Compiler', '99.99');
INSERT OR IGNORE INTO "order" (id, customer_id, placed_at) VALUES
    (1, 1, '1843-09-01 10:00:00'),
    (2, 3, '1952-05-01 09:30:00'),
    (3, 3, '1959-04-08 14:15:00');
INSERT OR IGNORE INTO order_line (order_id, product_id, quantity) VALUES
    (1, 1, 1), (1, 2, 40), (2, 3, 1), (3, 2, 500), (3, 3, 2);
