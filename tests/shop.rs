//! The shop: the fixture schema of the typed-query tests and the compile-error tests.
//!
//! Customers (who may have been referred by another customer), orders with a buyer and an
//! optional gift recipient (two foreign keys to `customer`), order lines (composite primary
//! key), products with tags (a many-to-many link table), employees with managers
//! (self-referencing) and a generated column, coupons numbered by an always-generated identity,
//! a table without a primary key, and a view.

dovetail::table! {
    /// People who buy.
    customer {
        id: Integer [identity],
        name: Text,
        email: Nullable<Text>,
        /// The customer who brought this one.
        referred_by: Nullable<Integer>,
    }
    primary_key (id);
    foreign_key referrer (referred_by) references customer (id);
    unique email_key (email);
}

dovetail::table! {
    /// What is for sale.
    product {
        id: Integer [identity],
        name: Text,
        price: Numeric,
        description: Nullable<Text>,
    }
    primary_key (id);
}

dovetail::table! {
    /// An order: `order` is a reserved word, so the SQL name needs quoting on every backend.
    orders ("order") {
        id: Integer [identity],
        customer_id: Integer,
        gift_for: Nullable<Integer>,
        placed_on: Date,
        note: Nullable<Text>,
    }
    primary_key (id);
    foreign_key buyer (customer_id) references customer (id);
    foreign_key recipient (gift_for) references customer (id);
}

dovetail::table! {
    /// One product in an order.
    order_line {
        order_id: Integer,
        product_id: Integer,
        quantity: Integer,
    }
    primary_key (order_id, product_id);
    foreign_key order (order_id) references orders (id);
    foreign_key product (product_id) references product (id);
}

dovetail::table! {
    /// Labels for products.
    tag {
        id: Integer [identity],
        name: Text,
    }
    primary_key (id);
}

dovetail::table! {
    /// Which product has which tag.
    product_tag {
        product_id: Integer,
        tag_id: Integer,
    }
    primary_key (product_id, tag_id);
    foreign_key product (product_id) references product (id);
    foreign_key tag (tag_id) references tag (id);
}

dovetail::table! {
    /// Staff, each with an optional manager.
    employee {
        id: Integer [identity],
        name: Text,
        manager_id: Nullable<Integer>,
        salary: Nullable<BigInt>,
        /// `salary * 12`, computed by the database.
        yearly: Nullable<BigInt> [generated],
    }
    primary_key (id);
    foreign_key manager (manager_id) references employee (id);
}

dovetail::table! {
    /// Discount codes, numbered by the database alone (`GENERATED ALWAYS AS IDENTITY` on
    /// PostgreSQL).
    coupon {
        id: Integer [identity always],
        code: Text,
        percent: Integer,
    }
    primary_key (id);
    unique code_key (code);
}

dovetail::table! {
    /// Page views: an append-only log without a primary key.
    visit {
        path: Text,
        customer_id: Nullable<Integer>,
        seen_at: Timestamp [default],
    }
    foreign_key visitor (customer_id) references customer (id);
}

dovetail::table! {
    /// What each customer has spent (a view).
    view customer_spending {
        customer_id: Integer,
        name: Text,
        items: Nullable<BigInt>,
    }
}

dovetail::table! {
    /// Items bought per customer: the declared shape of a derived table or CTE (no such table
    /// exists in the database).
    view spend {
        customer_id: Integer,
        items: Nullable<BigInt>,
    }
}

dovetail::table! {
    /// Employees with their distance from the top of the hierarchy: the shape of a recursive
    /// CTE.
    view chain {
        id: Integer,
        name: Text,
        depth: Integer,
    }
}

dovetail::alias!(pub Manager = employee as "manager");
dovetail::alias!(pub Recipient = customer as "recipient");

dovetail::table! {
    /// An order line with its place in its order by quantity: the shape of a derived table.
    view ranked_line {
        order_id: Integer,
        product_id: Integer,
        place: BigInt,
    }
}
