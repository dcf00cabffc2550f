//! Rendering of expressions.

use std::borrow::Cow;

use super::dialect::{ConcatStyle, DistinctFromStyle};
use super::writer::Writer;
use crate::ast::{
    Aggregate, AggregateFunction, BinaryOp, ColumnRef, Expr, FrameBound, FrameUnits, Function,
    UnaryOp, WindowFrame, WindowFunction,
};
use crate::error::{Error, Result};
use crate::value::Value;

impl Writer<'_> {
    /// Writes `expr` in a position where it needs no parentheses (a clause, an argument).
    pub(super) fn expr(&mut self, expr: &Expr) -> Result<()> {
        // A comparison types its parameters by its other side.
        if self.untyped_context && is_comparison(expr) {
            return self.in_context(false, |w| w.expr(expr));
        }
        match expr {
            Expr::Column(column) => self.column(column),
            Expr::Wildcard { table } => self.wildcard(table.as_deref()),
            Expr::Param(value) => {
                self.param(value);
                Ok(())
            }
            Expr::Null => {
                self.push("NULL");
                Ok(())
            }
            Expr::Number(n) => {
                self.number(*n);
                Ok(())
            }
            Expr::Bool(value) => {
                let literal = self.dialect.boolean_literal(*value);
                self.push(literal);
                Ok(())
            }
            Expr::Unary { op, expr } => self.unary(*op, expr),
            Expr::Binary { left, op, right } => self.binary(left, *op, right),
            Expr::IsNull { expr, negated } => {
                self.operand(expr)?;
                self.push(if *negated { " IS NOT NULL" } else { " IS NULL" });
                Ok(())
            }
            Expr::IsDistinctFrom {
                left,
                right,
                negated,
            } => self.is_distinct_from(left, right, *negated),
            Expr::InList {
                expr,
                list,
                negated,
            } => self.in_list(expr, list, *negated),
            Expr::InSubquery {
                expr,
                subquery,
                negated,
            } => {
                self.operand(expr)?;
                self.push(if *negated { " NOT IN (" } else { " IN (" });
                let paged = subquery.limit.is_some() || subquery.offset.is_some();
                if paged && !self.dialect.supports_limit_in_in_subquery() {
                    // The same rows through a derived table, which MySQL accepts.
                    self.push("SELECT * FROM (");
                    self.query(subquery)?;
                    self.push(") AS ");
                    self.ident("dovetail_in")?;
                } else {
                    self.query(subquery)?;
                }
                self.push(")");
                Ok(())
            }
            Expr::Exists { subquery, negated } => {
                self.push(if *negated { "NOT EXISTS (" } else { "EXISTS (" });
                self.query(subquery)?;
                self.push(")");
                Ok(())
            }
            Expr::Between {
                expr,
                low,
                high,
                negated,
            } => {
                self.operand(expr)?;
                self.push(if *negated {
                    " NOT BETWEEN "
                } else {
                    " BETWEEN "
                });
                self.operand(low)?;
                self.push(" AND ");
                self.operand(high)
            }
            Expr::Like {
                expr,
                pattern,
                escape,
                case_insensitive,
                negated,
            } => self.like(expr, pattern, *escape, *case_insensitive, *negated),
            Expr::Case {
                operand,
                branches,
                otherwise,
            } => self.case(operand.as_deref(), branches, otherwise.as_deref()),
            Expr::Cast { expr, ty } => {
                if let Some((open, close)) = self.dialect.cast_call(*ty) {
                    self.push(open);
                    self.expr(expr)?;
                    self.push(close);
                    return Ok(());
                }
                let ty = self.dialect.cast_type(*ty)?;
                self.push("CAST(");
                self.expr(expr)?;
                self.push(" AS ");
                match ty {
                    Cow::Borrowed(fixed) => self.push(fixed),
                    Cow::Owned(text) => self.push_text(&text),
                }
                self.push(")");
                Ok(())
            }
            Expr::Function(function) => self.function(function),
            Expr::Aggregate(aggregate) => self.aggregate(aggregate),
            Expr::Window(window) => self.window(window),
            Expr::Subquery(query) => {
                self.push("(");
                self.query(query)?;
                self.push(")");
                Ok(())
            }
            Expr::Excluded(column) => self.excluded(column),
            Expr::Builtin { function, args } => self.builtin(*function, args),
            Expr::Row(fields) => {
                self.push("(");
                self.comma_separated(fields, |w, field| w.expr(field))?;
                self.push(")");
                Ok(())
            }
        }
    }

    /// Writes `expr` as the operand of an operator, parenthesised when it is itself an
    /// operator expression, so the tree's grouping survives every precedence table.
    pub(super) fn operand(&mut self, expr: &Expr) -> Result<()> {
        let compound = matches!(
            expr,
            Expr::Unary { .. }
                | Expr::Binary { .. }
                | Expr::IsNull { .. }
                | Expr::IsDistinctFrom { .. }
                | Expr::InList { .. }
                | Expr::InSubquery { .. }
                | Expr::Between { .. }
                | Expr::Like { .. }
                | Expr::Exists { .. }
        );
        if compound {
            self.push("(");
            self.expr(expr)?;
            self.push(")");
            Ok(())
        } else {
            self.expr(expr)
        }
    }

    fn column(&mut self, column: &ColumnRef) -> Result<()> {
        if let Some(table) = &column.table {
            self.name(table)?;
            self.push(".");
        }
        self.name(&column.name)
    }

    fn wildcard(&mut self, table: Option<&str>) -> Result<()> {
        if let Some(table) = table {
            self.ident(table)?;
            self.push(".");
        }
        self.push("*");
        Ok(())
    }

    fn unary(&mut self, op: UnaryOp, expr: &Expr) -> Result<()> {
        self.push(match op {
            UnaryOp::Not => "NOT ",
            UnaryOp::Neg => "-",
        });
        self.operand(expr)
    }

    fn binary(&mut self, left: &Expr, op: BinaryOp, right: &Expr) -> Result<()> {
        if op == BinaryOp::Concat && self.dialect.concat_style() == ConcatStyle::Function {
            self.push("CONCAT(");
            self.expr(left)?;
            self.push(", ");
            self.expr(right)?;
            self.push(")");
            return Ok(());
        }
        self.binary_operand(op, left)?;
        self.push(match op {
            BinaryOp::Eq => " = ",
            BinaryOp::NotEq => " <> ",
            BinaryOp::Lt => " < ",
            BinaryOp::LtEq => " <= ",
            BinaryOp::Gt => " > ",
            BinaryOp::GtEq => " >= ",
            BinaryOp::And => " AND ",
            BinaryOp::Or => " OR ",
            BinaryOp::Add => " + ",
            BinaryOp::Sub => " - ",
            BinaryOp::Mul => " * ",
            BinaryOp::Div => " / ",
            BinaryOp::IntDiv => self.dialect.integer_division(),
            BinaryOp::Mod => " % ",
            BinaryOp::Concat => " || ",
        });
        self.binary_operand(op, right)
    }

    /// `AND` and `OR` are associative: a chain of one of them reads better unparenthesised.
    fn binary_operand(&mut self, parent: BinaryOp, operand: &Expr) -> Result<()> {
        match operand {
            Expr::Binary { op, .. }
                if *op == parent && matches!(parent, BinaryOp::And | BinaryOp::Or) =>
            {
                self.expr(operand)
            }
            _ => self.operand(operand),
        }
    }

    fn is_distinct_from(&mut self, left: &Expr, right: &Expr, negated: bool) -> Result<()> {
        match self.dialect.distinct_from_style() {
            DistinctFromStyle::Standard => {
                self.operand(left)?;
                self.push(if negated {
                    " IS NOT DISTINCT FROM "
                } else {
                    " IS DISTINCT FROM "
                });
                self.operand(right)
            }
            DistinctFromStyle::IsOperator => {
                self.operand(left)?;
                self.push(if negated { " IS " } else { " IS NOT " });
                self.operand(right)
            }
            DistinctFromStyle::NullSafeEquals => {
                self.push(if negated { "" } else { "NOT (" });
                self.operand(left)?;
                self.push(" <=> ");
                self.operand(right)?;
                self.push(if negated { "" } else { ")" });
                Ok(())
            }
        }
    }

    /// `x [NOT] IN (…)`. A list of bound values is one array parameter where the dialect binds
    /// lists so (`x = ANY($1)`, `x <> ALL($1)`: the same matches, NULLs included); elsewhere it
    /// is padded to the next power of two by repeating its last value, so lists of 5 to 8
    /// values share one SQL text and one prepared statement — but never past half the
    /// dialect's parameter limit, where a list is sent as long as it is.
    fn in_list(&mut self, expr: &Expr, list: &[Expr], negated: bool) -> Result<()> {
        if list.is_empty() {
            // `x IN ()` is a syntax error everywhere; an empty list matches nothing.
            self.push(if negated { "1 = 1" } else { "1 = 0" });
            return Ok(());
        }
        let values_only = list.iter().all(|item| matches!(item, Expr::Param(_)));
        self.operand(expr)?;
        // A bare parameter on the left would leave the server nothing to type the array by.
        if values_only && self.dialect.binds_in_lists_as_arrays() && !matches!(expr, Expr::Param(_))
        {
            let values = list.iter().filter_map(|item| match item {
                Expr::Param(value) => Some(value.clone()),
                _ => None,
            });
            self.push(if negated { " <> ALL(" } else { " = ANY(" });
            self.param(&Value::Array(values.collect()));
            self.push(")");
            return Ok(());
        }
        self.push(if negated { " NOT IN (" } else { " IN (" });
        self.comma_separated(list, Self::expr)?;
        let padded = list.len().next_power_of_two();
        let pads = values_only && padded <= self.dialect.max_params() / 2;
        if let Some(last) = list.last().filter(|_| pads) {
            for _ in list.len()..padded {
                self.push(", ");
                self.expr(last)?;
            }
        }
        self.push(")");
        Ok(())
    }

    fn like(
        &mut self,
        expr: &Expr,
        pattern: &Expr,
        escape: Option<char>,
        case_insensitive: bool,
        negated: bool,
    ) -> Result<()> {
        let native_ilike = case_insensitive && self.dialect.supports_ilike();
        let lowered = case_insensitive && !native_ilike;
        self.like_side(expr, lowered)?;
        self.push(match (negated, native_ilike) {
            (false, false) => " LIKE ",
            (true, false) => " NOT LIKE ",
            (false, true) => " ILIKE ",
            (true, true) => " NOT ILIKE ",
        });
        self.like_side(pattern, lowered)?;
        if let Some(escape) = escape {
            self.push(" ESCAPE ");
            self.char_literal(escape)?;
        }
        Ok(())
    }

    fn like_side(&mut self, expr: &Expr, lowered: bool) -> Result<()> {
        if !lowered {
            return self.operand(expr);
        }
        self.push("lower(");
        self.expr(expr)?;
        self.push(")");
        Ok(())
    }

    fn case(
        &mut self,
        operand: Option<&Expr>,
        branches: &[(Expr, Expr)],
        otherwise: Option<&Expr>,
    ) -> Result<()> {
        if branches.is_empty() {
            return Err(Error::InvalidStatement(
                "CASE needs at least one WHEN branch".into(),
            ));
        }
        self.push("CASE");
        if let Some(operand) = operand {
            self.push(" ");
            self.operand(operand)?;
        }
        for (when, then) in branches {
            self.push(" WHEN ");
            // A condition, or a value compared with the operand of a simple CASE.
            self.in_context(false, |w| w.expr(when))?;
            self.push(" THEN ");
            self.expr(then)?;
        }
        if let Some(otherwise) = otherwise {
            self.push(" ELSE ");
            self.expr(otherwise)?;
        }
        self.push(" END");
        Ok(())
    }

    fn function(&mut self, function: &Function) -> Result<()> {
        self.function_name(&function.name)?;
        self.push("(");
        self.comma_separated(&function.args, Self::expr)?;
        self.push(")");
        Ok(())
    }

    /// Function names are written unquoted (quoting would defeat case-insensitive lookup of
    /// built-ins), so only plain, optionally schema-qualified identifiers are accepted.
    pub(super) fn function_name(&mut self, name: &str) -> Result<()> {
        let plain = |part: &str| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if !name.split('.').all(plain) {
            return Err(Error::InvalidIdentifier {
                ident: name.to_owned(),
                reason: "function names must be plain identifiers (letters, digits, `_`)".into(),
            });
        }
        self.push_text(name);
        Ok(())
    }

    fn aggregate(&mut self, aggregate: &Aggregate) -> Result<()> {
        match &aggregate.function {
            AggregateFunction::Count => self.push("COUNT"),
            AggregateFunction::Sum => self.push("SUM"),
            AggregateFunction::Avg => self.push("AVG"),
            AggregateFunction::Min => self.push("MIN"),
            AggregateFunction::Max => self.push("MAX"),
            AggregateFunction::BoolAnd => self.push(match self.dialect.has_boolean_aggregates() {
                true => "bool_and",
                false => "MIN",
            }),
            AggregateFunction::BoolOr => self.push(match self.dialect.has_boolean_aggregates() {
                true => "bool_or",
                false => "MAX",
            }),
            AggregateFunction::Other(name) => self.function_name(name)?,
        }
        self.push(if aggregate.distinct {
            "(DISTINCT "
        } else {
            "("
        });
        match aggregate.filter.as_deref() {
            Some(filter) if !self.dialect.supports_aggregate_filter() => {
                // Aggregates skip NULLs, so `agg(CASE WHEN f THEN x END)` is `agg(x) FILTER (f)`.
                self.comma_separated(&aggregate.args, |w, arg| w.filtered_argument(arg, filter))?;
                self.push(")");
            }
            filter => {
                self.comma_separated(&aggregate.args, Self::expr)?;
                self.push(")");
                if let Some(filter) = filter {
                    self.push(" FILTER (WHERE ");
                    self.expr(filter)?;
                    self.push(")");
                }
            }
        }
        Ok(())
    }

    fn filtered_argument(&mut self, arg: &Expr, filter: &Expr) -> Result<()> {
        self.push("CASE WHEN ");
        self.expr(filter)?;
        self.push(" THEN ");
        match arg {
            Expr::Wildcard { .. } => self.push("1"),
            arg => self.expr(arg)?,
        }
        self.push(" END");
        Ok(())
    }

    fn window(&mut self, window: &WindowFunction) -> Result<()> {
        if !matches!(window.function, Expr::Function(_) | Expr::Aggregate(_)) {
            return Err(Error::InvalidStatement(
                "a window function must be a function call or an aggregate".into(),
            ));
        }
        self.expr(&window.function)?;
        self.push(" OVER (");
        let mut separator = "";
        if !window.partition_by.is_empty() {
            self.push("PARTITION BY ");
            self.comma_separated(&window.partition_by, Self::expr)?;
            separator = " ";
        }
        if !window.order_by.is_empty() {
            self.push(separator);
            self.order_by(&window.order_by)?;
            separator = " ";
        }
        if let Some(frame) = &window.frame {
            self.push(separator);
            self.frame(frame)?;
        }
        self.push(")");
        Ok(())
    }

    fn frame(&mut self, frame: &WindowFrame) -> Result<()> {
        self.push(match frame.units {
            FrameUnits::Rows => "ROWS ",
            FrameUnits::Range => "RANGE ",
            FrameUnits::Groups if self.dialect.supports_groups_frame() => "GROUPS ",
            FrameUnits::Groups => return Err(self.unsupported("GROUPS window frame")),
        });
        match frame.end {
            Some(end) => {
                self.push("BETWEEN ");
                self.frame_bound(frame.start);
                self.push(" AND ");
                self.frame_bound(end);
            }
            None => self.frame_bound(frame.start),
        }
        Ok(())
    }

    fn frame_bound(&mut self, bound: FrameBound) {
        match bound {
            FrameBound::UnboundedPreceding => self.push("UNBOUNDED PRECEDING"),
            FrameBound::Preceding(n) => {
                self.number(n);
                self.push(" PRECEDING");
            }
            FrameBound::CurrentRow => self.push("CURRENT ROW"),
            FrameBound::Following(n) => {
                self.number(n);
                self.push(" FOLLOWING");
            }
            FrameBound::UnboundedFollowing => self.push("UNBOUNDED FOLLOWING"),
        }
    }

    fn excluded(&mut self, column: &str) -> Result<()> {
        match self.dialect.upsert_style() {
            super::UpsertStyle::OnConflict => {
                self.push("excluded.");
                self.ident(column)
            }
            super::UpsertStyle::OnDuplicateKey => {
                self.push("VALUES(");
                self.ident(column)?;
                self.push(")");
                Ok(())
            }
        }
    }
}

/// Whether `expr` compares (or matches, or computes with) its operands, one of which gives a
/// parameter among them its type: every comparison, and arithmetic or concatenation unless
/// both operands are parameters.
fn is_comparison(expr: &Expr) -> bool {
    let bare = |e: &Expr| matches!(e, Expr::Param(_) | Expr::Null);
    match expr {
        Expr::Binary { left, op, right } => match op {
            BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Lt
            | BinaryOp::LtEq
            | BinaryOp::Gt
            | BinaryOp::GtEq => true,
            BinaryOp::And | BinaryOp::Or => false,
            _ => !(bare(left) && bare(right)),
        },
        Expr::IsDistinctFrom { .. }
        | Expr::InList { .. }
        | Expr::InSubquery { .. }
        | Expr::Between { .. }
        | Expr::Like { .. } => true,
        _ => false,
    }
}
