//! The loading-associations workload with dovetail's models: the users loaded with their posts
//! and the posts' comments through relationships, one statement per level. The other
//! workloads are [`DovetailSubject`]'s.

use dovetail::model::{HasMany, Model};

use super::{Comment, Post, Tree, User, comments, posts};
use crate::driver::{Associations, Subject};
use crate::fixture::{Seed, Target};

#[allow(non_upper_case_globals)]
impl User {
    const posts: HasMany<User, Post, posts::fk::author> = HasMany::new();
}

#[allow(non_upper_case_globals)]
impl Post {
    const comments: HasMany<Post, Comment, comments::fk::post> = HasMany::new();
}

/// dovetail's models on one connection.
pub struct ModelsSubject(super::DovetailSubject);

impl ModelsSubject {
    /// Connects as [`DovetailSubject::open`](super::DovetailSubject::open) does.
    pub fn open(target: &Target) -> Result<Self, String> {
        super::DovetailSubject::open(target).map(ModelsSubject)
    }
}

impl Subject for ModelsSubject {
    type User = User;
    type Post = Post;

    fn reset(&mut self, seed: &Seed) {
        self.0.reset(seed);
    }

    fn trivial(&mut self) -> Vec<User> {
        User::query().load(self.0.connection()).unwrap()
    }

    fn medium(&mut self) -> Vec<(User, Option<Post>)> {
        self.0.medium()
    }

    fn insert(&mut self, users: &[(String, Option<String>)]) {
        self.0.insert(users);
    }

    fn finish(&mut self) {
        self.0.finish();
    }
}

impl Associations for ModelsSubject {
    type Comment = Comment;

    fn associations(&mut self) -> Tree {
        User::query()
            .with(User::posts.with(Post::comments))
            .load(self.0.connection())
            .unwrap()
    }
}
