//! Small constructors that keep hand-built trees short. They only assemble data.

use super::Name;
use super::expr::{BinaryOp, ColumnRef, Expr, UnaryOp};
use super::query::{
    OrderBy, Query, QueryBody, Select, SelectItem, TableFactor, TableRef, TableWithJoins,
};
use crate::value::Value;

impl Expr {
    /// `"table"."name"`.
    pub fn column(table: impl Into<Name>, name: impl Into<Name>) -> Expr {
        Expr::Column(ColumnRef {
            table: Some(table.into()),
            name: name.into(),
        })
    }

    /// An unqualified `"name"`.
    pub fn bare_column(name: impl Into<Name>) -> Expr {
        Expr::Column(ColumnRef {
            table: None,
            name: name.into(),
        })
    }

    /// A bind parameter.
    pub fn param(value: impl Into<Value>) -> Expr {
        Expr::Param(value.into())
    }

    /// `self op right`.
    pub fn binary(self, op: BinaryOp, right: Expr) -> Expr {
        Expr::Binary {
            left: Box::new(self),
            op,
            right: Box::new(right),
        }
    }

    /// `self = right`.
    pub fn eq(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Eq, right)
    }

    /// `self AND right`.
    pub fn and(self, right: Expr) -> Expr {
        self.binary(BinaryOp::And, right)
    }

    /// `self OR right`.
    pub fn or(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Or, right)
    }

    /// `self` as an unaliased projection item.
    pub fn item(self) -> SelectItem {
        SelectItem {
            expr: self,
            alias: None,
        }
    }

    /// `self AS alias` as a projection item.
    pub fn alias(self, alias: impl Into<String>) -> SelectItem {
        SelectItem {
            expr: self,
            alias: Some(alias.into()),
        }
    }

    /// `self ASC`.
    pub fn asc(self) -> OrderBy {
        OrderBy {
            expr: self,
            descending: false,
            nulls: None,
        }
    }

    /// `self DESC`.
    pub fn desc(self) -> OrderBy {
        OrderBy {
            expr: self,
            descending: true,
            nulls: None,
        }
    }
}

impl TableRef {
    /// An unqualified, unaliased table.
    pub fn named(name: impl Into<Name>) -> TableRef {
        TableRef {
            schema: None,
            name: name.into(),
            alias: None,
        }
    }

    /// The same table under `alias`.
    pub fn aliased(mut self, alias: impl Into<Name>) -> TableRef {
        self.alias = Some(alias.into());
        self
    }
}

impl From<TableRef> for TableWithJoins {
    fn from(table: TableRef) -> Self {
        TableWithJoins {
            relation: TableFactor::Table(table),
            joins: Vec::new(),
        }
    }
}

impl Select {
    /// `SELECT … FROM table`, with an empty projection.
    pub fn from(table: impl Into<TableWithJoins>) -> Select {
        Select {
            from: vec![table.into()],
            ..Select::default()
        }
    }

    /// Adds a projection item.
    pub fn project(mut self, item: impl Into<SelectItem>) -> Select {
        self.projection.push(item.into());
        self
    }

    /// Adds a `WHERE` condition, joined to any earlier one with `AND`.
    pub fn filter(mut self, condition: Expr) -> Select {
        self.selection = Some(match self.selection.take() {
            Some(existing) => existing.and(condition),
            None => condition,
        });
        self
    }

    /// This `SELECT` as a query with no ordering, limit or lock.
    pub fn into_query(self) -> Query {
        Query::from(self)
    }
}

impl From<Expr> for SelectItem {
    fn from(expr: Expr) -> Self {
        expr.item()
    }
}

impl From<Select> for Query {
    fn from(select: Select) -> Self {
        Query::new(QueryBody::Select(Box::new(select)))
    }
}

impl Query {
    /// A query with this body and nothing else.
    pub fn new(body: QueryBody) -> Query {
        Query {
            with: None,
            body,
            order_by: Vec::new(),
            limit: None,
            offset: None,
            lock: None,
        }
    }

    /// Whether the query is a bare body, with no `WITH`, `ORDER BY`, `LIMIT`, `OFFSET` or lock.
    pub fn is_bare(&self) -> bool {
        self.with.is_none()
            && self.order_by.is_empty()
            && self.limit.is_none()
            && self.offset.is_none()
            && self.lock.is_none()
    }
}

/// `!expr` is `NOT expr`.
impl std::ops::Not for Expr {
    type Output = Expr;

    fn not(self) -> Expr {
        Expr::Unary {
            op: UnaryOp::Not,
            expr: Box::new(self),
        }
    }
}
