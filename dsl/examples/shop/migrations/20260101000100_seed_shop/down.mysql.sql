DELETE FROM order_line;
DELETE FROM `order`;
DELETE FROM product;
-- Customers refer to each other: unlink them before deleting.
UPDATE customer SET referred_by = NULL;
DELETE FROM customer;
