//! MySQL / MariaDB column types → DSL types, from `information_schema.COLUMNS`' `DATA_TYPE`
//! (`int`, `varchar`, `enum`…) and `COLUMN_TYPE` (`int(10) unsigned`, `tinyint(1)`,
//! `enum('a','b')`…).

use crate::model::SqlType;

/// The DSL type of a column whose `DATA_TYPE` is `data_type` and `COLUMN_TYPE` `column_type`.
///
/// `tinyint(1)` is the boolean type of both servers; `UNSIGNED` integers map to the
/// `Unsigned*` types. An `enum(…)` column is an [`SqlType::Enum`] whose name is left empty
/// here: introspection names it `<table>_<column>` and reads its labels with [`enum_labels`].
/// MariaDB's `JSON` is a `longtext` with a `json_valid` check, so it maps to [`SqlType::Text`].
/// `TIMESTAMP` holds an instant (the server converts it between the session's zone and UTC),
/// so it maps to [`SqlType::Timestamptz`]: dovetail's connections keep their session in UTC,
/// whatever the server's global zone, and undo (with an error) a statement that changes it;
/// `DATETIME` holds a wall-clock time and maps to [`SqlType::Timestamp`].
///
/// ```
/// use dovetail_codegen::model::SqlType;
/// use dovetail_codegen::types::mysql::map;
///
/// assert_eq!(map("tinyint", "tinyint(1)"), SqlType::Bool);
/// assert_eq!(map("int", "int(10) unsigned"), SqlType::UnsignedInt);
/// assert_eq!(map("varchar", "varchar(120)"), SqlType::Text);
/// assert_eq!(map("datetime", "datetime(6)"), SqlType::Timestamp);
/// assert_eq!(map("geometry", "geometry"), SqlType::Unknown);
/// ```
pub fn map(data_type: &str, column_type: &str) -> SqlType {
    let data_type = data_type.trim().to_ascii_lowercase();
    let column_type = column_type.trim().to_ascii_lowercase();
    let unsigned = column_type
        .split(|c: char| c.is_whitespace() || c == ')')
        .any(|word| word == "unsigned");
    let signed_or = |signed: SqlType, unsigned_type: SqlType| match unsigned {
        true => unsigned_type,
        false => signed,
    };
    match data_type.as_str() {
        "tinyint" if !unsigned && is_tinyint_1(&column_type) => SqlType::Bool,
        "bool" | "boolean" => SqlType::Bool,
        "tinyint" => signed_or(SqlType::TinyInt, SqlType::UnsignedTinyInt),
        "smallint" => signed_or(SqlType::SmallInt, SqlType::UnsignedSmallInt),
        "mediumint" | "int" | "integer" => signed_or(SqlType::Integer, SqlType::UnsignedInt),
        "bigint" => signed_or(SqlType::BigInt, SqlType::UnsignedBigInt),
        "float" => SqlType::Real,
        "double" | "real" | "double precision" => SqlType::Double,
        "decimal" | "numeric" | "dec" | "fixed" => SqlType::Numeric,
        "char" | "varchar" | "tinytext" | "text" | "mediumtext" | "longtext" => SqlType::Text,
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" => SqlType::Blob,
        "date" => SqlType::Date,
        "time" => SqlType::Time,
        "datetime" => SqlType::Timestamp,
        "timestamp" => SqlType::Timestamptz,
        "json" => SqlType::Json,
        // MariaDB 10.7+ has a native UUID type, sent as its text form.
        "uuid" => SqlType::Uuid,
        "year" => SqlType::SmallInt,
        "enum" => SqlType::Enum(String::new()),
        "set" => SqlType::Text,
        _ => SqlType::Unknown,
    }
}

/// `tinyint(1)`, with or without trailing attributes (`zerofill`).
fn is_tinyint_1(column_type: &str) -> bool {
    column_type
        .strip_prefix("tinyint(1)")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// The labels of an `enum('a','b')` (or `set(…)`) `COLUMN_TYPE`, in declaration order, with
/// the quoting undone (`''` and backslash escapes); `None` when it is not such a list.
///
/// ```
/// use dovetail_codegen::types::mysql::enum_labels;
///
/// assert_eq!(enum_labels("enum('small','it''s','a,b')").unwrap(), ["small", "it's", "a,b"]);
/// assert_eq!(enum_labels("int(11)"), None);
/// ```
pub fn enum_labels(column_type: &str) -> Option<Vec<String>> {
    let trimmed = column_type.trim();
    let open = trimmed.find('(')?;
    let keyword = trimmed[..open].trim().to_ascii_lowercase();
    if keyword != "enum" && keyword != "set" {
        return None;
    }
    let mut chars = trimmed[open + 1..].chars().peekable();
    let mut labels = Vec::new();
    loop {
        skip_spaces(&mut chars);
        if labels.is_empty() && chars.peek() == Some(&')') {
            chars.next();
            break;
        }
        if chars.next()? != '\'' {
            return None;
        }
        let mut label = String::new();
        loop {
            match chars.next()? {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    label.push('\'');
                }
                '\'' => break,
                '\\' => label.push_str(&unescape(chars.next()?)),
                c => label.push(c),
            }
        }
        labels.push(label);
        skip_spaces(&mut chars);
        match chars.next()? {
            ',' => continue,
            ')' => break,
            _ => return None,
        }
    }
    skip_spaces(&mut chars);
    chars.next().is_none().then_some(labels)
}

fn skip_spaces(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.next_if(|c| c.is_whitespace()).is_some() {}
}

/// The text of the string-literal escape `\c`.
fn unescape(c: char) -> String {
    match c {
        '0' => "\0".into(),
        'b' => "\u{8}".into(),
        'n' => "\n".into(),
        'r' => "\r".into(),
        't' => "\t".into(),
        'Z' => "\u{1a}".into(),
        // Kept as written, as MySQL does outside `LIKE` patterns.
        '%' | '_' => format!("\\{c}"),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapped_type() {
        let cases = [
            ("tinyint", "tinyint(1)", SqlType::Bool),
            ("tinyint", "tinyint(4)", SqlType::TinyInt),
            ("tinyint", "tinyint", SqlType::TinyInt),
            ("tinyint", "tinyint(3) unsigned", SqlType::UnsignedTinyInt),
            ("tinyint", "tinyint(1) unsigned", SqlType::UnsignedTinyInt),
            ("tinyint", "tinyint(10)", SqlType::TinyInt),
            ("smallint", "smallint(6)", SqlType::SmallInt),
            (
                "smallint",
                "smallint(5) unsigned",
                SqlType::UnsignedSmallInt,
            ),
            ("mediumint", "mediumint(9)", SqlType::Integer),
            ("mediumint", "mediumint(8) unsigned", SqlType::UnsignedInt),
            ("int", "int(11)", SqlType::Integer),
            ("int", "int", SqlType::Integer),
            ("int", "int(10) unsigned zerofill", SqlType::UnsignedInt),
            ("int", "int unsigned", SqlType::UnsignedInt),
            ("integer", "integer", SqlType::Integer),
            ("bigint", "bigint(20)", SqlType::BigInt),
            ("bigint", "bigint(20) unsigned", SqlType::UnsignedBigInt),
            ("float", "float", SqlType::Real),
            ("double", "double", SqlType::Double),
            ("real", "real", SqlType::Double),
            ("decimal", "decimal(10,2)", SqlType::Numeric),
            ("numeric", "numeric(8,3)", SqlType::Numeric),
            ("char", "char(3)", SqlType::Text),
            ("varchar", "varchar(120)", SqlType::Text),
            ("tinytext", "tinytext", SqlType::Text),
            ("text", "text", SqlType::Text),
            ("mediumtext", "mediumtext", SqlType::Text),
            ("longtext", "longtext", SqlType::Text),
            ("binary", "binary(16)", SqlType::Blob),
            ("varbinary", "varbinary(32)", SqlType::Blob),
            ("tinyblob", "tinyblob", SqlType::Blob),
            ("blob", "blob", SqlType::Blob),
            ("mediumblob", "mediumblob", SqlType::Blob),
            ("longblob", "longblob", SqlType::Blob),
            ("date", "date", SqlType::Date),
            ("time", "time(3)", SqlType::Time),
            ("datetime", "datetime", SqlType::Timestamp),
            ("timestamp", "timestamp", SqlType::Timestamptz),
            ("json", "json", SqlType::Json),
            ("year", "year(4)", SqlType::SmallInt),
            ("enum", "enum('a','b')", SqlType::Enum(String::new())),
            ("set", "set('a','b')", SqlType::Text),
            ("bit", "bit(8)", SqlType::Unknown),
            ("geometry", "geometry", SqlType::Unknown),
            ("point", "point", SqlType::Unknown),
            ("inet6", "inet6", SqlType::Unknown),
            ("INT", "INT(11) UNSIGNED", SqlType::UnsignedInt),
        ];
        for (data_type, column_type, expected) in cases {
            assert_eq!(map(data_type, column_type), expected, "{column_type}");
        }
    }

    #[test]
    fn labels_undo_the_quoting() {
        let labels = enum_labels(r"enum('it''s','a,b','(x)','back\\slash','','nl\nx','q\'x')");
        let expected = ["it's", "a,b", "(x)", r"back\slash", "", "nl\nx", "q'x"];
        assert_eq!(labels.as_deref(), Some(&expected.map(String::from)[..]));
        assert_eq!(
            enum_labels("set('red', 'green')").as_deref(),
            Some(&["red".to_owned(), "green".to_owned()][..])
        );
        assert_eq!(
            enum_labels("ENUM('A')").as_deref(),
            Some(&["A".to_owned()][..])
        );
    }

    #[test]
    fn malformed_lists_are_refused() {
        for column_type in [
            "int(11)",
            "enum",
            "enum('a'",
            "enum('a',)",
            "enum(a)",
            "enum('a') x",
            "enum('a'b)",
        ] {
            assert_eq!(enum_labels(column_type), None, "{column_type}");
        }
    }
}
