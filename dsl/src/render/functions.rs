//! Rendering of the portable functions whose SQL differs between dialects
//! ([`Builtin`]): one arm per function, one spelling per [`FunctionStyle`].

use super::dialect::FunctionStyle;
use super::writer::Writer;
use crate::ast::{Builtin, DatePart, Expr, IntervalUnit};
use crate::error::{Error, Result};

impl Writer<'_> {
    /// Writes `function(args)` as the dialect spells it.
    pub(super) fn builtin(&mut self, function: Builtin, args: &[Expr]) -> Result<()> {
        let style = self.dialect.function_style();
        match function {
            Builtin::CharLength => self.call(
                match style {
                    FunctionStyle::Sqlite => "length",
                    FunctionStyle::Postgres | FunctionStyle::MySql => "char_length",
                },
                args,
                1,
            ),
            Builtin::Position => {
                let [text, needle] = arguments(function, args)?;
                self.push(match style {
                    FunctionStyle::Postgres => "strpos(",
                    FunctionStyle::MySql | FunctionStyle::Sqlite => "instr(",
                });
                self.expr(text)?;
                self.push(", ");
                self.expr(needle)?;
                self.push(")");
                Ok(())
            }
            Builtin::Named {
                postgres,
                mysql,
                sqlite,
            } => {
                self.function_name(match style {
                    FunctionStyle::Postgres => postgres,
                    FunctionStyle::MySql => mysql,
                    FunctionStyle::Sqlite => sqlite,
                })?;
                self.push("(");
                self.comma_separated(args, Self::expr)?;
                self.push(")");
                Ok(())
            }
            Builtin::StringAgg {
                separator,
                descending,
            } => self.string_agg(style, args, separator, descending),
            Builtin::Ceil | Builtin::Floor => {
                let [value] = arguments(function, args)?;
                let ceil = function == Builtin::Ceil;
                if style != FunctionStyle::Sqlite {
                    self.push(if ceil { "ceil(" } else { "floor(" });
                    self.expr(value)?;
                    self.push(")");
                    return Ok(());
                }
                // The truncation toward zero, moved by one where it went the wrong way.
                self.push("(CAST(");
                self.expr(value)?;
                self.push(if ceil {
                    " AS INTEGER) + ("
                } else {
                    " AS INTEGER) - ("
                });
                self.operand(value)?;
                self.push(if ceil { " > CAST(" } else { " < CAST(" });
                self.expr(value)?;
                self.push(" AS INTEGER)))");
                Ok(())
            }
            Builtin::Greatest | Builtin::Least => {
                let name = match (function, style) {
                    (Builtin::Greatest, FunctionStyle::Sqlite) => "max",
                    (Builtin::Greatest, _) => "GREATEST",
                    (_, FunctionStyle::Sqlite) => "min",
                    _ => "LEAST",
                };
                self.call(name, args, 2)
            }
            Builtin::Now => {
                arguments::<0>(function, args)?;
                self.push(match style {
                    FunctionStyle::Postgres => "LOCALTIMESTAMP",
                    FunctionStyle::MySql => "NOW()",
                    FunctionStyle::Sqlite => "datetime('now', 'subsec')",
                });
                Ok(())
            }
            Builtin::CurrentDate => {
                arguments::<0>(function, args)?;
                self.push(match style {
                    FunctionStyle::Sqlite => "date('now')",
                    FunctionStyle::Postgres | FunctionStyle::MySql => "CURRENT_DATE",
                });
                Ok(())
            }
            Builtin::Extract(part) => {
                let [value] = arguments(function, args)?;
                self.extract(style, part, value)
            }
            Builtin::DaysBetween => {
                let [later, earlier] = arguments(function, args)?;
                match style {
                    FunctionStyle::Postgres => {
                        self.push("(");
                        self.operand(later)?;
                        self.push(" - ");
                        self.operand(earlier)?;
                        self.push(")");
                    }
                    FunctionStyle::MySql => {
                        self.push("DATEDIFF(");
                        self.expr(later)?;
                        self.push(", ");
                        self.expr(earlier)?;
                        self.push(")");
                    }
                    FunctionStyle::Sqlite => {
                        self.push("CAST(julianday(");
                        self.expr(later)?;
                        self.push(") - julianday(");
                        self.expr(earlier)?;
                        self.push(") AS INTEGER)");
                    }
                }
                Ok(())
            }
            Builtin::AddInterval(unit) => {
                let [value, amount] = arguments(function, args)?;
                self.add_interval(style, unit, value, amount)
            }
        }
    }

    fn string_agg(
        &mut self,
        style: FunctionStyle,
        args: &[Expr],
        separator: &str,
        descending: bool,
    ) -> Result<()> {
        let (value, key) = match args {
            [value] => (value, None),
            [value, key] => (value, Some(key)),
            _ => {
                return Err(Error::InvalidStatement(
                    "string_agg takes a value and an optional ordering key".into(),
                ));
            }
        };
        self.push(match style {
            FunctionStyle::Postgres => "string_agg(",
            FunctionStyle::MySql => "GROUP_CONCAT(",
            FunctionStyle::Sqlite => "group_concat(",
        });
        self.expr(value)?;
        if style != FunctionStyle::MySql {
            self.push(", ");
            self.string_literal(separator);
        }
        if let Some(key) = key {
            self.push(" ORDER BY ");
            self.expr(key)?;
            self.push(if descending { " DESC" } else { " ASC" });
        }
        if style == FunctionStyle::MySql {
            self.push(" SEPARATOR ");
            self.string_literal(separator);
        }
        self.push(")");
        Ok(())
    }

    /// `name(args…)`, with exactly `arity` arguments.
    fn call(&mut self, name: &'static str, args: &[Expr], arity: usize) -> Result<()> {
        if args.len() < arity {
            return Err(Error::InvalidStatement(format!(
                "{name} takes at least {arity} argument(s), not {}",
                args.len()
            )));
        }
        self.push(name);
        self.push("(");
        self.comma_separated(args, Self::expr)?;
        self.push(")");
        Ok(())
    }

    fn extract(&mut self, style: FunctionStyle, part: DatePart, value: &Expr) -> Result<()> {
        match style {
            // EXTRACT gives a numeric with the fraction of a second: truncated, as an integer.
            FunctionStyle::Postgres => {
                self.push("CAST(TRUNC(EXTRACT(");
                self.push(field_name(part));
                self.push(" FROM ");
                self.expr(value)?;
                self.push(")) AS INTEGER)");
            }
            FunctionStyle::MySql => {
                self.push("EXTRACT(");
                self.push(field_name(part));
                self.push(" FROM ");
                self.expr(value)?;
                self.push(")");
            }
            FunctionStyle::Sqlite => {
                self.push("CAST(strftime('");
                self.push(match part {
                    DatePart::Year => "%Y",
                    DatePart::Month => "%m",
                    DatePart::Day => "%d",
                    DatePart::Hour => "%H",
                    DatePart::Minute => "%M",
                    DatePart::Second => "%S",
                });
                self.push("', ");
                self.expr(value)?;
                self.push(") AS INTEGER)");
            }
        }
        Ok(())
    }

    fn add_interval(
        &mut self,
        style: FunctionStyle,
        unit: IntervalUnit,
        value: &Expr,
        amount: &Expr,
    ) -> Result<()> {
        match style {
            FunctionStyle::Postgres => {
                self.push("(");
                self.operand(value)?;
                self.push(match unit {
                    IntervalUnit::Day => " + make_interval(days => ",
                    IntervalUnit::Month => " + make_interval(months => ",
                    IntervalUnit::Second => " + make_interval(secs => ",
                });
                self.expr(amount)?;
                self.push("))");
            }
            FunctionStyle::MySql => {
                self.push("DATE_ADD(");
                self.expr(value)?;
                self.push(", INTERVAL ");
                self.operand(amount)?;
                self.push(match unit {
                    IntervalUnit::Day => " DAY)",
                    IntervalUnit::Month => " MONTH)",
                    IntervalUnit::Second => " SECOND)",
                });
            }
            FunctionStyle::Sqlite => {
                self.push("datetime(");
                self.expr(value)?;
                self.push(", CAST(");
                self.expr(amount)?;
                self.push(match unit {
                    IntervalUnit::Day => " AS TEXT) || ' days', 'subsec')",
                    IntervalUnit::Month => " AS TEXT) || ' months', 'subsec')",
                    IntervalUnit::Second => " AS TEXT) || ' seconds', 'subsec')",
                });
            }
        }
        Ok(())
    }
}

/// The field's name in `EXTRACT(… FROM x)`.
fn field_name(part: DatePart) -> &'static str {
    match part {
        DatePart::Year => "YEAR",
        DatePart::Month => "MONTH",
        DatePart::Day => "DAY",
        DatePart::Hour => "HOUR",
        DatePart::Minute => "MINUTE",
        DatePart::Second => "SECOND",
    }
}

/// The `N` arguments of `function`, or an error naming it.
fn arguments<const N: usize>(function: Builtin, args: &[Expr]) -> Result<&[Expr; N]> {
    args.try_into().map_err(|_| {
        Error::InvalidStatement(format!(
            "{function:?} takes {N} argument(s), not {}",
            args.len()
        ))
    })
}
