-- The shop, one logical schema written for each backend (see postgres.sql and mysql.sql),
-- which schema-gen's portable mapping reads into the same schema.rs.
CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(100) UNIQUE,
    referred_by INTEGER REFERENCES customer (id) ON DELETE SET NULL,
    joined DATE NOT NULL DEFAULT CURRENT_DATE,
    vip BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price NUMERIC(10, 2) NOT NULL,
    weight REAL,
    stock BIGINT NOT NULL DEFAULT 0,
    rating SMALLINT,
    views NUMERIC(20, 0) NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    picture BLOB,
    attributes JSON
);
CREATE TABLE "order" (
    id INTEGER PRIMARY KEY,
    buyer INTEGER NOT NULL REFERENCES customer (id),
    gift_for INTEGER REFERENCES customer (id),
    placed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deliver_on DATETIME,
    ships_at TIME
);
CREATE TABLE order_line (
    order_id INTEGER NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
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
CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    mood TEXT NOT NULL CHECK (mood IN ('happy', 'so-so', 'sad')),
    previous TEXT CHECK (previous IN ('happy', 'so-so', 'sad')),
    body TEXT
);
CREATE TABLE voucher (
    id INTEGER PRIMARY KEY,
    code VARCHAR(20) NOT NULL UNIQUE,
    code_length INTEGER GENERATED ALWAYS AS (length(code)) STORED
);
CREATE VIEW product_review AS
    SELECT r.id, p.name, r.mood FROM review r JOIN product p ON p.id = r.product_id;
