//! Writes of whole models by primary key: update with a change set, delete, reload, each
//! checking the version column where the model declares one (optimistic locking).

use super::Model;
use super::key::{FieldsKey, matching};
use crate::ast;
use crate::connection::Connection;
use crate::dsl::selection::{FromRow, load_rows};
use crate::dsl::table::{HasPrimaryKey, Table};
use crate::error::{Error, Result};
use crate::render::{WriteKind, render_cached};

/// The primary key columns of `M`'s table.
pub type PrimaryKeyOf<M> = <<M as Model>::Table as HasPrimaryKey>::PrimaryKey;

/// `WHERE` the row of `row`: its primary key, and its version where the model has one.
fn this_row<M: Model + FieldsKey<PrimaryKeyOf<M>>>(row: &M) -> Result<ast::Expr> {
    let key = FieldsKey::<PrimaryKeyOf<M>>::key(row)
        .ok_or_else(|| Error::InvalidStatement("the row's primary key is NULL".into()))?;
    let condition = matching::<M::Table>(&[key.values()]);
    Ok(match (M::VERSION, row.version()) {
        (Some(column), Some(version)) => {
            condition.and(version_column::<M>(column).eq(ast::Expr::Param(version)))
        }
        _ => condition,
    })
}

fn version_column<M: Model>(column: &'static str) -> ast::Expr {
    ast::Expr::column(<M::Table as Table>::qualifier(), column)
}

/// What a write that matched no row means: another writer changed or removed the row
/// ([`Error::StaleRow`]) when the model has a version, else the row is gone.
fn nothing_matched<M: Model>() -> Error {
    match M::VERSION {
        Some(_) => Error::StaleRow {
            table: <M::Table as Table>::NAME,
        },
        None => Error::NotFound,
    }
}

/// [`Model::reload`].
pub(crate) fn reload<M, C>(row: &M, conn: &mut C) -> Result<M>
where
    M: Model + FieldsKey<PrimaryKeyOf<M>> + FromRow<M::Sql>,
    C: Connection + ?Sized,
{
    let key = FieldsKey::<PrimaryKeyOf<M>>::key(row)
        .ok_or_else(|| Error::InvalidStatement("the row's primary key is NULL".into()))?;
    M::query()
        .filter_lowered(matching::<M::Table>(&[key.values()]))
        .one(conn)
}

/// [`Model::delete`].
pub(crate) fn delete<M, C>(row: &M, conn: &mut C) -> Result<()>
where
    M: Model + FieldsKey<PrimaryKeyOf<M>>,
    C: Connection + ?Sized,
{
    let statement = ast::Statement::Delete(ast::Delete {
        table: <M::Table as Table>::table_ref(),
        using: Vec::new(),
        selection: Some(this_row(row)?),
        returning: Vec::new(),
    });
    match conn.execute(&statement)? {
        0 => Err(nothing_matched::<M>()),
        _ => Ok(()),
    }
}

/// [`Model::update`], with the change set lowered by the typed `UPDATE` (`update`, checked
/// there): adds the row's key (and version, which it moves on by one) and reads the row back.
pub(crate) fn update<M, C>(row: &M, conn: &mut C, update: ast::Statement) -> Result<M>
where
    M: Model + FieldsKey<PrimaryKeyOf<M>> + FromRow<M::Sql>,
    C: Connection + ?Sized,
{
    let ast::Statement::Update(mut update) = update else {
        unreachable!("the typed UPDATE lowers to an UPDATE")
    };
    if update.assignments.is_empty() {
        // Nothing changes: no UPDATE (which would need a SET), but the version still says
        // whether the row is the one this model read.
        return match M::VERSION {
            Some(_) => M::query()
                .filter_lowered(this_row(row)?)
                .optional(conn)?
                .ok_or_else(nothing_matched::<M>),
            None => reload(row, conn),
        };
    }
    if let Some(column) = M::VERSION {
        update.assignments.push(ast::Assignment {
            column: ast::Name::Borrowed(column),
            value: version_column::<M>(column).binary(ast::BinaryOp::Add, ast::Expr::Number(1)),
        });
    }
    update.selection = Some(this_row(row)?);
    if !conn.dialect().supports_returning(WriteKind::Update) {
        let written = conn.execute(&ast::Statement::Update(update))?;
        return match written {
            0 => Err(nothing_matched::<M>()),
            // Read again by key: the version moved on.
            _ => reload(row, conn),
        };
    }
    update.returning = M::query().projection();
    let rendered = render_cached(&ast::Statement::Update(update), conn.dialect())?;
    let mut rows = load_rows::<M::Sql, M, C>(conn, &rendered.sql, &rendered.params)?;
    rows.pop().ok_or_else(nothing_matched::<M>)
}

/// Inserts `rows` one by one and reads each back as a model by its primary key: what
/// `insert_many` of an `Insertable` row with a model does where the dialect has no
/// `INSERT … RETURNING` (MySQL). The key comes from the row when it sets every key column,
/// else from the dialect's last-insert-id function (an auto-increment key of one column); all
/// rows or none, in one transaction.
///
/// `make` builds the INSERT of one row.
#[doc(hidden)]
pub fn insert_reading_back<M, R, St, C>(
    conn: &mut C,
    rows: Vec<R>,
    make: impl Fn(R) -> St,
) -> Result<Vec<M>>
where
    M: Model + FromRow<M::Sql>,
    St: crate::dsl::WriteStatement<()>,
    C: Connection + ?Sized,
{
    use crate::connection::TransactionExt;
    conn.transaction(|conn| {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let insert = make(row);
            let statement = insert.statement();
            insert.execute(conn)?;
            let key = inserted_key::<M::Table, C>(conn, &statement)?;
            out.push(
                M::query()
                    .filter_lowered(matching::<M::Table>(&[key]))
                    .one(conn)?,
            );
        }
        Ok(out)
    })
}

/// The primary key of the row `insert` just wrote on `conn`.
fn inserted_key<T: HasPrimaryKey, C: Connection + ?Sized>(
    conn: &mut C,
    insert: &ast::Statement,
) -> Result<Vec<crate::value::Value>> {
    let ast::Statement::Insert(ast::Insert {
        columns,
        source: ast::InsertSource::Values(rows),
        ..
    }) = insert
    else {
        unreachable!("a typed INSERT of a row of values")
    };
    let set = |name: &&str| {
        let at = columns.iter().position(|column| column.as_ref() == *name)?;
        match rows.first()?.get(at)? {
            ast::Expr::Param(value) => Some(value.clone()),
            _ => None,
        }
    };
    if let Some(key) = T::PRIMARY_KEY.iter().map(set).collect::<Option<Vec<_>>>() {
        return Ok(key);
    }
    let dialect = conn.dialect().name();
    let unsupported = || Error::Unsupported {
        construct: "reading back an inserted row whose key the server chose, without RETURNING"
            .into(),
        dialect,
    };
    let (Some(function), [_]) = (conn.dialect().last_insert_id_function(), T::PRIMARY_KEY) else {
        return Err(unsupported());
    };
    let sql = format!("SELECT {function}");
    let rows = conn.query_sql(&sql, &[])?;
    let id: i64 = rows.first().ok_or_else(unsupported)?.get(0)?;
    Ok(vec![crate::value::Value::I64(id)])
}
