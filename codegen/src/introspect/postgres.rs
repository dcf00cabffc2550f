//! PostgreSQL: `pg_catalog`, one query per kind of object, for every requested schema at once.
//!
//! The schema list travels as one bound parameter, an array literal cast on the server
//! (`($1::text)::text[]`), since dovetail's values have no array variant. Array-valued catalog
//! columns (`conkey`, `indkey`) are unnested with their ordinality in the queries, and every
//! other cell is cast to a type the connection decodes (`text`, `bool`, `int8`).

use std::collections::{BTreeMap, BTreeSet};

use dovetail::Connection;
use dovetail::value::Value;

use crate::Result;
use crate::model::{
    Check, Column, Enum, ForeignKey, Identity, Index, Schema, Table, TableKind, UniqueKey,
};
use crate::types::postgres::{PgType, map};

/// The relations of the schemas: tables (plain, partitioned, foreign), views and materialized
/// views. Partitions are left out: their partitioned parent stands for them.
const RELATIONS: &str = "\
SELECT n.nspname::text, c.relname::text, c.relkind::text, obj_description(c.oid, 'pg_class')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(($1::text)::text[])
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition
ORDER BY n.nspname, c.relname";

/// Every column, with its type resolved through domains (`base`) and, for arrays, the element
/// type resolved the same way (`elem`). Domains are resolved once, in `resolved` (each domain
/// with the base type at the end of its chain), not once per column: a thousand tables have
/// tens of thousands of columns. Enum oids come along so the enums they name are read even when
/// they live in another schema.
const COLUMNS: &str = "\
WITH RECURSIVE chain(oid, base, depth) AS (
    SELECT t.oid, t.typbasetype, 1 FROM pg_type t WHERE t.typtype = 'd'
    UNION ALL
    SELECT chain.oid, t.typbasetype, chain.depth + 1
    FROM chain JOIN pg_type t ON t.oid = chain.base
    WHERE t.typtype = 'd'
), resolved AS (
    SELECT DISTINCT ON (oid) oid, base FROM chain ORDER BY oid, depth DESC
)
SELECT n.nspname::text, c.relname::text, a.attname::text,
       format_type(a.atttypid, a.atttypmod),
       NOT a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
       a.attidentity::text,
       a.attgenerated <> '',
       col_description(c.oid, a.attnum),
       bt.typname::text, bt.typtype = 'e', et.typname::text, COALESCE(et.typtype = 'e', false),
       CASE WHEN bt.typtype = 'e' THEN bt.oid::int8 WHEN et.typtype = 'e' THEN et.oid::int8 END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN resolved rb ON rb.oid = a.atttypid
JOIN pg_type bt ON bt.oid = COALESCE(rb.base, a.atttypid)
LEFT JOIN resolved re ON re.oid = bt.typelem
LEFT JOIN pg_type et
  ON bt.typcategory = 'A' AND bt.typelem <> 0 AND et.oid = COALESCE(re.base, bt.typelem)
WHERE n.nspname = ANY(($1::text)::text[])
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum";

/// Primary keys and unique constraints, one row per column in key order.
const KEYS: &str = "\
SELECT n.nspname::text, c.relname::text, k.conname::text, k.contype = 'p', a.attname::text
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
WHERE n.nspname = ANY(($1::text)::text[]) AND k.contype IN ('p', 'u')
ORDER BY n.nspname, c.relname, k.conname, u.ord";

/// Foreign keys, one row per column pair in key order.
const FOREIGN_KEYS: &str = "\
SELECT n.nspname::text, c.relname::text, k.conname::text, a.attname::text,
       fn.nspname::text, fc.relname::text, fa.attname::text,
       k.confdeltype::text, k.confupdtype::text
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class fc ON fc.oid = k.confrelid
JOIN pg_namespace fn ON fn.oid = fc.relnamespace
CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(attnum, fattnum, ord)
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = u.fattnum
WHERE n.nspname = ANY(($1::text)::text[]) AND k.contype = 'f'
ORDER BY n.nspname, c.relname, k.conname, u.ord";

/// Check constraints.
const CHECKS: &str = "\
SELECT n.nspname::text, c.relname::text, k.conname::text, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(($1::text)::text[]) AND k.contype = 'c'
ORDER BY n.nspname, c.relname, k.conname";

/// Indexes that back no constraint, one row per key column (`NULL` name for an expression;
/// `INCLUDE` columns left out).
const INDEXES: &str = "\
SELECT n.nspname::text, c.relname::text, ic.relname::text, i.indisunique,
       i.indpred IS NOT NULL, a.attname::text
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class ic ON ic.oid = i.indexrelid
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum AND u.attnum > 0
WHERE n.nspname = ANY(($1::text)::text[])
  AND c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
  AND u.ord <= i.indnkeyatts
  AND NOT EXISTS (
      SELECT 1 FROM pg_constraint k
      WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
  )
ORDER BY n.nspname, c.relname, ic.relname, u.ord";

/// Inheritance parents of the schemas' tables, in declaration order (partitions are left out,
/// as in [`RELATIONS`]).
const INHERITS: &str = "\
SELECT n.nspname::text, c.relname::text, pn.nspname::text, p.relname::text
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE n.nspname = ANY(($1::text)::text[]) AND NOT c.relispartition
ORDER BY n.nspname, c.relname, i.inhseqno";

/// Enum types of the schemas, and those (elsewhere) whose oids the columns named, labels in
/// their sort order.
const ENUMS: &str = "\
SELECT n.nspname::text, t.typname::text, e.enumlabel::text
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e'
  AND (n.nspname = ANY(($1::text)::text[]) OR t.oid = ANY(($2::text)::oid[]))
ORDER BY n.nspname, t.typname, e.enumsortorder";

type Tables = BTreeMap<(String, String), Table>;

/// Reads every table, view and materialized view of `schemas`, and the enums they use.
pub(super) fn introspect(conn: &mut dyn Connection, schemas: &[String]) -> Result<Schema> {
    let wanted = Value::Text(array_literal(schemas.iter().map(String::as_str)));
    let params = std::slice::from_ref(&wanted);
    let mut tables = read_relations(conn, params)?;
    let enum_oids = read_columns(conn, params, &mut tables)?;
    read_keys(conn, params, &mut tables)?;
    read_foreign_keys(conn, params, &mut tables)?;
    read_checks(conn, params, &mut tables)?;
    read_indexes(conn, params, &mut tables)?;
    read_inheritance(conn, params, &mut tables)?;
    let enums = read_enums(conn, &wanted, schemas, &enum_oids)?;
    let tables = tables
        .into_values()
        .map(|mut table| {
            table
                .foreign_keys
                .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
            table.unique_keys.sort_by(|a, b| a.name.cmp(&b.name));
            table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
            table.checks.sort_by(|a, b| a.name.cmp(&b.name));
            table
        })
        .collect();
    Ok(Schema { tables, enums })
}

fn read_relations(conn: &mut dyn Connection, params: &[Value]) -> Result<Tables> {
    let mut tables = Tables::new();
    for row in conn.query_sql(RELATIONS, params)? {
        let (schema, name, kind): (String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        let kind = match kind.as_str() {
            "v" => TableKind::View,
            "m" => TableKind::MaterializedView,
            _ => TableKind::Table,
        };
        let table = Table {
            schema: Some(schema.clone()),
            name: name.clone(),
            kind,
            comment: row.get(3)?,
            ..Table::default()
        };
        tables.insert((schema, name), table);
    }
    Ok(tables)
}

/// Fills the columns; returns the oids of the enum types they use.
fn read_columns(
    conn: &mut dyn Connection,
    params: &[Value],
    tables: &mut Tables,
) -> Result<BTreeSet<i64>> {
    let mut enum_oids = BTreeSet::new();
    for row in conn.query_sql(COLUMNS, params)? {
        let key: (String, String) = (row.get(0)?, row.get(1)?);
        let Some(table) = tables.get_mut(&key) else {
            continue;
        };
        let default: Option<String> = row.get(5)?;
        let (base_name, base_enum): (String, bool) = (row.get(9)?, row.get(10)?);
        let (element_name, element_enum): (Option<String>, bool) = (row.get(11)?, row.get(12)?);
        if let Some(oid) = row.get::<Option<i64>>(13)? {
            enum_oids.insert(oid);
        }
        let base = PgType {
            name: &base_name,
            is_enum: base_enum,
        };
        let element = element_name.as_deref().map(|name| PgType {
            name,
            is_enum: element_enum,
        });
        // `a`: GENERATED ALWAYS AS IDENTITY; `d`: BY DEFAULT; a serial's default is `nextval`.
        let serial = default
            .as_deref()
            .is_some_and(|d| d.trim_start().starts_with("nextval("));
        let identity = match row.get::<String>(6)?.as_str() {
            "a" => Some(Identity::Always),
            "d" => Some(Identity::ByDefault),
            _ => serial.then_some(Identity::ByDefault),
        };
        // A view's columns carry no NOT NULL of their own: nullable unless known otherwise.
        let nullable = table.kind != TableKind::Table || row.get::<bool>(4)?;
        table.columns.push(Column {
            name: row.get(2)?,
            declared_type: row.get(3)?,
            sql_type: map(base, element),
            nullable,
            default,
            identity,
            generated: row.get(7)?,
            comment: row.get(8)?,
            ..Column::default()
        });
    }
    Ok(enum_oids)
}

fn read_keys(conn: &mut dyn Connection, params: &[Value], tables: &mut Tables) -> Result<()> {
    let mut keys: BTreeMap<(String, String, String), (bool, Vec<String>)> = BTreeMap::new();
    for row in conn.query_sql(KEYS, params)? {
        let key = (row.get(0)?, row.get(1)?, row.get(2)?);
        let (primary, column): (bool, String) = (row.get(3)?, row.get(4)?);
        keys.entry(key)
            .or_insert((primary, Vec::new()))
            .1
            .push(column);
    }
    for ((schema, table, name), (primary, columns)) in keys {
        let Some(table) = tables.get_mut(&(schema, table)) else {
            continue;
        };
        match primary {
            true => table.primary_key = columns,
            false => table.unique_keys.push(UniqueKey { name, columns }),
        }
    }
    Ok(())
}

fn read_foreign_keys(
    conn: &mut dyn Connection,
    params: &[Value],
    tables: &mut Tables,
) -> Result<()> {
    let mut keys: BTreeMap<(String, String, String), ForeignKey> = BTreeMap::new();
    for row in conn.query_sql(FOREIGN_KEYS, params)? {
        let (schema, table, name): (String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        let on_delete: String = row.get(7)?;
        let on_update: String = row.get(8)?;
        let key = keys
            .entry((schema, table, name.clone()))
            .or_insert(ForeignKey {
                name,
                referenced_schema: Some(row.get(4)?),
                referenced_table: row.get(5)?,
                on_delete: action(&on_delete),
                on_update: action(&on_update),
                ..ForeignKey::default()
            });
        key.columns.push(row.get(3)?);
        key.referenced_columns.push(row.get(6)?);
    }
    for ((schema, table, _), key) in keys {
        if let Some(table) = tables.get_mut(&(schema, table)) {
            table.foreign_keys.push(key);
        }
    }
    Ok(())
}

/// The SQL of a `confdeltype` / `confupdtype` code; `None` for `NO ACTION` and `RESTRICT`.
fn action(code: &str) -> Option<String> {
    match code {
        "c" => Some("CASCADE".into()),
        "n" => Some("SET NULL".into()),
        "d" => Some("SET DEFAULT".into()),
        _ => None,
    }
}

fn read_checks(conn: &mut dyn Connection, params: &[Value], tables: &mut Tables) -> Result<()> {
    for row in conn.query_sql(CHECKS, params)? {
        let key: (String, String) = (row.get(0)?, row.get(1)?);
        let definition: String = row.get(3)?;
        if let Some(table) = tables.get_mut(&key) {
            table.checks.push(Check {
                name: row.get(2)?,
                expression: check_condition(&definition),
            });
        }
    }
    Ok(())
}

/// The condition of a `pg_get_constraintdef` check, `CHECK ((a > 0)) NOT VALID` → `(a > 0)`:
/// the keyword, the clause's own parentheses and the trailing options are dropped.
fn check_condition(definition: &str) -> String {
    let mut text = definition.trim();
    text = text.strip_prefix("CHECK ").unwrap_or(text).trim();
    loop {
        let before = text;
        for suffix in [" NOT VALID", " NO INHERIT"] {
            text = text.strip_suffix(suffix).unwrap_or(text).trim_end();
        }
        if text == before {
            break;
        }
    }
    match outer_parentheses(text) {
        true => text[1..text.len() - 1].trim().to_owned(),
        false => text.to_owned(),
    }
}

/// Whether `text` is one parenthesized group: its first `(` closes at its last character.
/// Parentheses inside string literals and quoted identifiers are ignored.
fn outer_parentheses(text: &str) -> bool {
    if !text.starts_with('(') || !text.ends_with(')') {
        return false;
    }
    let mut depth = 0_usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == text.len() - 1;
                }
            }
            (None, _) => {}
        }
    }
    false
}

/// Unique indexes become unique keys; others (and unique ones that are partial or contain an
/// expression, whose uniqueness no column list states) become indexes on their plain columns.
/// An index of expressions only is left out.
fn read_indexes(conn: &mut dyn Connection, params: &[Value], tables: &mut Tables) -> Result<()> {
    type Entry = (bool, bool, Vec<Option<String>>);
    let mut indexes: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
    for row in conn.query_sql(INDEXES, params)? {
        let key = (row.get(0)?, row.get(1)?, row.get(2)?);
        let (unique, partial): (bool, bool) = (row.get(3)?, row.get(4)?);
        let column: Option<String> = row.get(5)?;
        indexes
            .entry(key)
            .or_insert((unique, partial, Vec::new()))
            .2
            .push(column);
    }
    for ((schema, table, name), (unique, partial, columns)) in indexes {
        let Some(table) = tables.get_mut(&(schema, table)) else {
            continue;
        };
        let expressions = columns.iter().any(Option::is_none);
        let columns: Vec<String> = columns.into_iter().flatten().collect();
        if columns.is_empty() {
            continue;
        }
        if unique && !partial && !expressions {
            table.unique_keys.push(UniqueKey { name, columns });
        } else {
            table.indexes.push(Index { name, columns });
        }
    }
    Ok(())
}

/// Records each inheriting table's parents, qualified when they live in another schema.
fn read_inheritance(
    conn: &mut dyn Connection,
    params: &[Value],
    tables: &mut Tables,
) -> Result<()> {
    for row in conn.query_sql(INHERITS, params)? {
        let (schema, name, parent_schema, parent): (String, String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let parent = match parent_schema == schema {
            true => parent,
            false => format!("{parent_schema}.{parent}"),
        };
        if let Some(table) = tables.get_mut(&(schema, name)) {
            table.inherits.push(parent);
        }
    }
    Ok(())
}

/// The enums of `schemas` and those named by `oids`. Should two schemas hold enums of the same
/// name, the one in the earliest of `schemas` (then other schemas by name) is kept.
fn read_enums(
    conn: &mut dyn Connection,
    wanted: &Value,
    schemas: &[String],
    oids: &BTreeSet<i64>,
) -> Result<Vec<Enum>> {
    let oids = Value::Text(array_literal(oids.iter().map(i64::to_string)));
    let mut found: BTreeMap<(usize, String, String), Vec<String>> = BTreeMap::new();
    for row in conn.query_sql(ENUMS, &[wanted.clone(), oids])? {
        let (schema, name, label): (String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        let rank = schemas
            .iter()
            .position(|s| *s == schema)
            .unwrap_or(usize::MAX);
        found.entry((rank, schema, name)).or_default().push(label);
    }
    let mut enums: BTreeMap<String, Enum> = BTreeMap::new();
    for ((_, _, name), labels) in found {
        enums.entry(name.clone()).or_insert(Enum {
            name,
            labels,
            ..Enum::default()
        });
    }
    Ok(enums.into_values().collect())
}

/// A PostgreSQL array literal of `items` as text: `{"a","b\"c"}`.
fn array_literal<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let quoted: Vec<String> = items
        .map(|item| {
            let escaped = item.as_ref().replace('\\', "\\\\").replace('"', "\\\"");
            format!("\"{escaped}\"")
        })
        .collect();
    format!("{{{}}}", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_literals_quote_every_item() {
        let items = ["public", r#"we"ird\name"#, "a,b"];
        assert_eq!(
            array_literal(items.iter()),
            r#"{"public","we\"ird\\name","a,b"}"#
        );
        assert_eq!(array_literal(std::iter::empty::<&str>()), "{}");
    }

    #[test]
    fn check_conditions_lose_the_keyword_and_the_clause_parentheses() {
        assert_eq!(check_condition("CHECK ((price > 0))"), "(price > 0)");
        assert_eq!(
            check_condition("CHECK ((name <> ')'::text)) NOT VALID"),
            "(name <> ')'::text)"
        );
        assert_eq!(check_condition("CHECK (a) NO INHERIT"), "a");
        assert_eq!(
            check_condition("CHECK ((a > 0) AND (b > 0))"),
            "(a > 0) AND (b > 0)"
        );
        assert_eq!(
            check_condition("CHECK (a > 0) AND (b > 0)"),
            "(a > 0) AND (b > 0)"
        );
    }

    #[test]
    fn referential_actions() {
        assert_eq!(action("a"), None);
        assert_eq!(action("r"), None);
        assert_eq!(action("c").as_deref(), Some("CASCADE"));
        assert_eq!(action("n").as_deref(), Some("SET NULL"));
        assert_eq!(action("d").as_deref(), Some("SET DEFAULT"));
    }
}
