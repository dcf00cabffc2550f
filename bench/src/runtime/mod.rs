//! The runtime workloads with dovetail and with each raw driver, blocking and async, over the
//! users/posts/comments tables of [`crate::fixture`]; [`crate::driver`] times the blocking
//! ones, [`crate::driver_async`] the async ones.

mod with_dovetail;
mod with_dovetail_async;
mod with_models;
mod with_mysql;
mod with_mysql_async;
mod with_postgres;
mod with_rusqlite;
mod with_rusqlite_async;
mod with_tokio_postgres;

pub use with_dovetail::DovetailSubject;
pub use with_dovetail_async::DovetailAsyncSubject;
pub use with_models::ModelsSubject;
pub use with_mysql::MySqlSubject;
pub use with_mysql_async::MySqlAsyncSubject;
pub use with_postgres::PostgresSubject;
pub use with_rusqlite::RusqliteSubject;
pub use with_rusqlite_async::RusqliteAsyncSubject;
pub use with_tokio_postgres::TokioPostgresSubject;

use crate::fixture::{Query, Row, group_by_parent};

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
