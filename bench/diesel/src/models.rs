//! Rows of the three tables, and a new user, with Diesel's derives.

use diesel::prelude::*;

use crate::fixture::Row;
use crate::schema::{comments, posts, users};

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub name: String,
    pub hair_color: Option<String>,
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Associations)]
#[diesel(table_name = posts, belongs_to(User))]
pub struct Post {
    pub id: i32,
    pub user_id: i32,
    pub title: String,
    pub body: Option<String>,
}

/// A row of `comments`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Associations)]
#[diesel(table_name = comments, belongs_to(Post))]
pub struct Comment {
    pub id: i32,
    pub post_id: i32,
    pub text: String,
}

/// One row of an INSERT into `users`. `None` binds NULL rather than DEFAULT, so that SQLite
/// too inserts every row in one statement.
#[derive(Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub struct NewUser<'a> {
    pub name: &'a str,
    pub hair_color: Option<&'a str>,
}

impl Row for User {
    fn id(&self) -> i32 {
        self.id
    }

    fn parent(&self) -> Option<i32> {
        None
    }
}

impl Row for Post {
    fn id(&self) -> i32 {
        self.id
    }

    fn parent(&self) -> Option<i32> {
        Some(self.user_id)
    }
}

impl Row for Comment {
    fn id(&self) -> i32 {
        self.id
    }

    fn parent(&self) -> Option<i32> {
        Some(self.post_id)
    }
}
