//! The runtime workloads with dovetail and with each raw driver, over the users/posts/comments
//! tables of [`crate::fixture`]; [`crate::driver`] times them.

mod with_dovetail;
mod with_models;
mod with_mysql;
mod with_postgres;
mod with_rusqlite;

pub use with_dovetail::DovetailSubject;
pub use with_models::ModelsSubject;
pub use with_mysql::MySqlSubject;
pub use with_postgres::PostgresSubject;
pub use with_rusqlite::RusqliteSubject;

use crate::fixture::{Row, group_by_parent};

dovetail::table! {
    users { id: Integer [identity], name: Text, hair_color: Nullable<Text> }
    primary_key (id);
}

dovetail::table! {
    posts { id: Integer [identity], user_id: Integer, title: Text, body: Nullable<Text> }
    primary_key (id);
    foreign_key author (user_id) references users (id);
}

dovetail::table! {
    comments { id: Integer [identity], post_id: Integer, text: Text }
    primary_key (id);
    foreign_key post (post_id) references posts (id);
}

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, dovetail::Model)]
#[dovetail(table = users)]
pub struct User {
    pub id: i32,
    pub name: String,
    pub hair_color: Option<String>,
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq, dovetail::Model)]
#[dovetail(table = posts)]
pub struct Post {
    pub id: i32,
    pub user_id: i32,
    pub title: String,
    pub body: Option<String>,
}

/// A row of `comments`.
#[derive(Debug, Clone, PartialEq, dovetail::Model)]
#[dovetail(table = comments)]
pub struct Comment {
    pub id: i32,
    pub post_id: i32,
    pub text: String,
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

/// Users with their posts and their comments.
pub type Tree = crate::fixture::Tree<User, Post, Comment>;

/// Puts the posts under their users and the comments under their posts.
fn tree(users: Vec<User>, posts: Vec<Post>, comments: Vec<Comment>) -> Tree {
    let comments = group_by_parent(&posts, comments, |c| c.post_id);
    let posts = group_by_parent(&users, posts.into_iter().zip(comments).collect(), |p| {
        p.0.user_id
    });
    users.into_iter().zip(posts).collect()
}

/// A statement of the raw implementations, a key of their prepared statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Query {
    Trivial,
    Medium,
    /// An INSERT of this many users in one statement.
    Insert(usize),
    /// The posts of this many users.
    Posts(usize),
    /// The comments on this many posts.
    Comments(usize),
}

impl Query {
    /// The SQL, with `?` or (`numbered`) `$1, $2, …` placeholders.
    fn sql(self, numbered: bool) -> String {
        let marks = |skip: usize, count: usize| {
            let one = |i: usize| {
                if numbered {
                    format!("${}", i + 1)
                } else {
                    "?".into()
                }
            };
            (skip..skip + count).map(one).collect::<Vec<_>>().join(", ")
        };
        match self {
            Query::Trivial => "SELECT id, name, hair_color FROM users".into(),
            Query::Medium => format!(
                "SELECT users.id, users.name, users.hair_color, posts.id, posts.user_id, \
                 posts.title, posts.body FROM users LEFT JOIN posts ON posts.user_id = users.id \
                 WHERE users.hair_color = {}",
                marks(0, 1)
            ),
            Query::Insert(rows) => {
                let values: Vec<String> = (0..rows)
                    .map(|i| format!("({})", marks(2 * i, 2)))
                    .collect();
                format!(
                    "INSERT INTO users (name, hair_color) VALUES {}",
                    values.join(", ")
                )
            }
            Query::Posts(users) => format!(
                "SELECT id, user_id, title, body FROM posts WHERE user_id IN ({})",
                marks(0, users)
            ),
            Query::Comments(posts) => format!(
                "SELECT id, post_id, text FROM comments WHERE post_id IN ({})",
                marks(0, posts)
            ),
        }
    }
}
