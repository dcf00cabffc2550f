DROP TABLE order_line;
DROP TABLE `order`;
DROP TABLE product;
DROP TABLE customer;
