INSERT INTO customer (id, name, email, referred_by) VALUES
    (1, 'Ada Lovelace', 'ada@example.com', NULL),
    (2, 'Charles Babbage', 'charles@example.com', 1),
    (3, 'Grace Hopper', 'grace@example.com', 1);
INSERT INTO product (id, name, price) VALUES
    (1, 'Difference engine', 1700.00),
    (2, 'Punched cards (100)', 2.50),
    (3, 'Compiler', 99.99);
INSERT INTO "order" (id, customer_id, placed_at) VALUES
    (1, 1, '1843-09-01 10:00:00'),
    (2, 3, '1952-05-01 09:30:00'),
    (3, 3, '1959-04-08 14:15:00');
INSERT INTO order_line (order_id, product_id, quantity) VALUES
    (1, 1, 1), (1, 2, 40), (2, 3, 1), (3, 2, 500), (3, 3, 2);
