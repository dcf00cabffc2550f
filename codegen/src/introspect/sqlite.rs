//! SQLite: `sqlite_schema` joined with the table-valued pragma functions, one query per kind of
//! object.
//!
//! SQLite has no enum type: a text column whose table declares `CHECK (column IN ('a', …))` is
//! an enum named `<table>_<column>`, as a MySQL `ENUM` column is. A view column is typed by its
//! declaration, which SQLite copies from the table column it plainly refers to; when every
//! table column of its name and declared type has one DSL type (an enum, say), it takes that.

use std::collections::BTreeMap;

use dovetail::Connection;

use crate::Result;
use crate::model::{
    Column, Enum, ForeignKey, Identity, Index, Schema, SqlType, Table, TableKind, UniqueKey,
};
use crate::types::sqlite::map;
use crate::types::sqlite_checks::label_checks;

const RELATIONS: &str = "SELECT m.name, m.type, m.sql FROM sqlite_schema m \
     WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name";

const COLUMNS: &str = "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden \
     FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p \
     WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
     ORDER BY m.name, p.cid";

const FOREIGN_KEYS: &str = "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", \
     f.on_update, f.on_delete \
     FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq";

const INDEXES: &str = "SELECT m.name, l.name, l.\"unique\", l.origin, i.name \
     FROM sqlite_schema m JOIN pragma_index_list(m.name) l JOIN pragma_index_info(l.name) i \
     WHERE m.type = 'table' AND l.origin <> 'pk' ORDER BY m.name, l.name, i.seqno";

/// Reads every table and view of the main database.
pub(super) fn introspect(conn: &mut dyn Connection) -> Result<Schema> {
    let mut tables = BTreeMap::new();
    let mut label_lists = BTreeMap::new();
    for row in conn.query_sql(RELATIONS, &[])? {
        let (name, kind, sql): (String, String, Option<String>) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        let kind = match kind.as_str() {
            "view" => TableKind::View,
            _ => TableKind::Table,
        };
        let sql = sql.unwrap_or_default();
        let autoincrement = sql.to_ascii_uppercase().contains("AUTOINCREMENT");
        if kind == TableKind::Table {
            label_lists.insert(name.clone(), label_checks(&sql));
        }
        let table = Table {
            name: name.clone(),
            kind,
            ..Table::default()
        };
        tables.insert(name, (table, autoincrement));
    }
    read_columns(conn, &mut tables)?;
    read_foreign_keys(conn, &mut tables)?;
    read_indexes(conn, &mut tables)?;
    let mut tables: Vec<Table> = tables.into_values().map(|(table, _)| table).collect();
    let enums = label_enums(&mut tables, &label_lists);
    type_views_like_their_tables(&mut tables);
    Ok(Schema { tables, enums })
}

/// Makes each text column with exactly one `CHECK (column IN (…))` an enum; returns the enums.
fn label_enums(
    tables: &mut [Table],
    label_lists: &BTreeMap<String, Vec<(String, Vec<String>)>>,
) -> Vec<Enum> {
    let mut enums = Vec::new();
    for table in tables.iter_mut() {
        let lists = label_lists.get(&table.name).map_or(&[][..], Vec::as_slice);
        for column in &mut table.columns {
            let mut checks = lists.iter().filter(|(name, _)| name == &column.name);
            let (Some((_, labels)), None) = (checks.next(), checks.next()) else {
                continue;
            };
            if column.sql_type != SqlType::Text {
                continue;
            }
            let name = format!("{}_{}", table.name, column.name);
            column.sql_type = SqlType::Enum(name.clone());
            enums.push(Enum {
                name,
                labels: labels.clone(),
                ..Enum::default()
            });
        }
    }
    enums
}

/// Gives a view column the DSL type of the table columns it may refer to: those of its name
/// and declared type, when they all have the same one.
fn type_views_like_their_tables(tables: &mut [Table]) {
    let mut candidates: BTreeMap<(String, String), Vec<SqlType>> = BTreeMap::new();
    for table in tables.iter().filter(|t| t.kind == TableKind::Table) {
        for column in &table.columns {
            let key = (
                column.name.clone(),
                column.declared_type.to_ascii_uppercase(),
            );
            candidates
                .entry(key)
                .or_default()
                .push(column.sql_type.clone());
        }
    }
    for view in tables.iter_mut().filter(|t| t.kind != TableKind::Table) {
        for column in view
            .columns
            .iter_mut()
            .filter(|c| !c.declared_type.is_empty())
        {
            let key = (
                column.name.clone(),
                column.declared_type.to_ascii_uppercase(),
            );
            if let Some([first, rest @ ..]) = candidates.get(&key).map(Vec::as_slice)
                && rest.iter().all(|t| t == first)
            {
                column.sql_type = first.clone();
            }
        }
    }
}

type Tables = BTreeMap<String, (Table, bool)>;

fn read_columns(conn: &mut dyn Connection, tables: &mut Tables) -> Result<()> {
    let mut keys: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for row in conn.query_sql(COLUMNS, &[])? {
        let table: String = row.get(0)?;
        let (name, declared): (String, String) = (row.get(1)?, row.get(2)?);
        let (not_null, default): (bool, Option<String>) = (row.get(3)?, row.get(4)?);
        let (pk, hidden): (i64, i64) = (row.get(5)?, row.get(6)?);
        if pk > 0 {
            keys.entry(table.clone())
                .or_default()
                .push((pk, name.clone()));
        }
        let Some((entry, _)) = tables.get_mut(&table) else {
            continue;
        };
        entry.columns.push(Column {
            sql_type: map(&declared),
            declared_type: declared,
            nullable: !not_null && pk == 0,
            default,
            generated: hidden == 2 || hidden == 3,
            name,
            ..Column::default()
        });
    }
    for (table, mut key) in keys {
        key.sort();
        if let Some((entry, autoincrement)) = tables.get_mut(&table) {
            entry.primary_key = key.into_iter().map(|(_, name)| name).collect();
            mark_rowid_alias(entry, *autoincrement);
        }
    }
    Ok(())
}

/// An `INTEGER PRIMARY KEY` column is the rowid: SQLite assigns it, so inserts may omit it.
fn mark_rowid_alias(table: &mut Table, autoincrement: bool) {
    let [key] = table.primary_key.as_slice() else {
        return;
    };
    let key = key.clone();
    if let Some(column) = table.columns.iter_mut().find(|c| c.name == key) {
        let rowid = autoincrement || column.declared_type.eq_ignore_ascii_case("INTEGER");
        column.identity = rowid.then_some(Identity::ByDefault);
    }
}

fn read_foreign_keys(conn: &mut dyn Connection, tables: &mut Tables) -> Result<()> {
    let mut keys: BTreeMap<(String, i64), ForeignKey> = BTreeMap::new();
    for row in conn.query_sql(FOREIGN_KEYS, &[])? {
        let (table, id): (String, i64) = (row.get(0)?, row.get(1)?);
        let (parent, from, to): (String, String, Option<String>) =
            (row.get(3)?, row.get(4)?, row.get(5)?);
        let (on_update, on_delete): (String, String) = (row.get(6)?, row.get(7)?);
        let key = keys.entry((table, id)).or_insert_with(|| ForeignKey {
            referenced_table: parent.clone(),
            on_update: action(&on_update),
            on_delete: action(&on_delete),
            ..ForeignKey::default()
        });
        key.columns.push(from);
        key.referenced_columns.push(to.unwrap_or_default());
    }
    let primary_keys: BTreeMap<String, Vec<String>> = tables
        .iter()
        .map(|(name, (table, _))| (name.clone(), table.primary_key.clone()))
        .collect();
    for ((table, _), mut key) in keys {
        // `REFERENCES parent` without columns means the parent's primary key.
        if key.referenced_columns.iter().any(String::is_empty)
            && let Some(parent_key) = primary_keys.get(&key.referenced_table)
        {
            key.referenced_columns = parent_key.clone();
        }
        let Some((entry, _)) = tables.get_mut(&table) else {
            continue;
        };
        key.name = format!("fk_{}_{}", table, key.columns.join("_"));
        entry.foreign_keys.push(key);
    }
    for (table, _) in tables.values_mut() {
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(())
}

fn action(rule: &str) -> Option<String> {
    match rule {
        "NO ACTION" | "RESTRICT" | "" => None,
        other => Some(other.to_owned()),
    }
}

fn read_indexes(conn: &mut dyn Connection, tables: &mut Tables) -> Result<()> {
    let mut indexes: BTreeMap<(String, String), (bool, Vec<String>)> = BTreeMap::new();
    for row in conn.query_sql(INDEXES, &[])? {
        let (table, index): (String, String) = (row.get(0)?, row.get(1)?);
        let (unique, column): (bool, Option<String>) = (row.get(2)?, row.get(4)?);
        let entry = indexes
            .entry((table, index))
            .or_insert((unique, Vec::new()));
        entry.1.extend(column);
    }
    for ((table, name), (unique, columns)) in indexes {
        let Some((entry, _)) = tables.get_mut(&table) else {
            continue;
        };
        // Inline UNIQUE constraints get internal names; name them as PostgreSQL would.
        let name = match name.starts_with("sqlite_autoindex_") {
            true => format!("{table}_{}_key", columns.join("_")),
            false => name,
        };
        match unique {
            true => entry.unique_keys.push(UniqueKey { name, columns }),
            false => entry.indexes.push(Index { name, columns }),
        }
    }
    Ok(())
}
