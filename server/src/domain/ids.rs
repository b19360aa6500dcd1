//! Typed ids: a space id cannot be passed where a person id is expected.
//!
//! An id names an object; it grants nothing (access is a [`super::rights::Grant`]). An id read
//! from a request path is taken as given: an unknown one is simply not found, like a foreign one.
//! The store keeps each as text (see `store::values`).

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// A fresh id (UUID v7: unique, and ordered by creation time).
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as owned text.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(s: &String) -> Self {
                Self(s.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A space: a person's private space (later professional spaces too).
    SpaceId
);
id_type!(
    /// A registered person.
    PersonId
);
id_type!(
    /// An agent of an administration.
    AgentId
);
id_type!(
    /// An administration (a slug such as `justice`).
    AdministrationId
);
id_type!(
    /// A dossier: one procedure started in one space.
    DossierId
);
id_type!(
    /// A supporting document of a dossier.
    AttachmentId
);
id_type!(
    /// A resumable upload of a supporting document.
    UploadId
);
id_type!(
    /// A message about a dossier.
    MessageId
);
id_type!(
    /// A file sent with a message.
    MessageFileId
);
id_type!(
    /// A communication: a document or letter delivered into a space.
    CommunicationId
);

/// The number of a sealed document: the seal's document id, upper-case hex (what the verifier's
/// `--online` asks about and what the holder reads on the paper).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentNumber(String);

impl DocumentNumber {
    /// The number in its canonical form, or `None` for text that cannot be one.
    pub fn parse(text: &str) -> Option<Self> {
        guichet_verifier::seal::DocumentId::parse(text.trim()).map(Self::from)
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<guichet_verifier::seal::DocumentId> for DocumentNumber {
    fn from(id: guichet_verifier::seal::DocumentId) -> Self {
        Self(id.to_string())
    }
}

impl From<DocumentNumber> for String {
    fn from(n: DocumentNumber) -> Self {
        n.0
    }
}

impl std::ops::Deref for DocumentNumber {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds a document number from stored text (the store reads back what it wrote).
impl From<String> for DocumentNumber {
    fn from(s: String) -> Self {
        Self(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fresh_and_keep_their_text() {
        let a = SpaceId::generate();
        let b = SpaceId::generate();
        assert_ne!(a, b);
        assert_eq!(SpaceId::from(a.as_str()), a);
        assert_eq!(String::from(a.clone()), a.to_string());
    }

    #[test]
    fn document_numbers_are_canonical_or_absent() {
        let n = DocumentNumber::parse(" 0a1b2c3d ").unwrap();
        assert_eq!(n.as_str(), "0A1B2C3D");
        assert!(DocumentNumber::parse("not a number").is_none());
    }
}
