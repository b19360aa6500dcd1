//! How domain types are stored: typed ids as text columns, states as sea-orm active enums (text
//! columns on both databases), and database errors as the domain's internal errors.
//!
//! The domain imports no sea-orm, so what `#[derive(DeriveValueType)]` and
//! `#[derive(DeriveActiveEnum)]` would write next to the type is written here, once per type.

use crate::domain::{
    Error, Internal,
    communications::{Kind as CommunicationKind, State as CommunicationState},
    dossiers::{Channel, Outcome, Side, Status},
    ids::{
        AdministrationId, AgentId, AttachmentId, CommunicationId, DocumentNumber, DossierId,
        MessageFileId, MessageId, PersonId, SpaceId, UploadId,
    },
    persons::{CertificateKind, CertificateUsage},
    rights::{ActorKind, Role},
    spaces::SpaceKind,
};
use sea_orm::DbErr;

/// Database failures are internal errors: the cause is logged, the user sees an opaque 500.
impl From<DbErr> for Error {
    fn from(e: DbErr) -> Self {
        Error::Internal(Internal::Database(Box::new(e)))
    }
}

/// Implements what sea-orm needs to store a text newtype (`From<String>` and `Into<String>`).
macro_rules! text_value {
    ($($ty:ty),* $(,)?) => {$(
        impl From<$ty> for sea_orm::Value {
            fn from(v: $ty) -> Self {
                sea_orm::Value::String(Some(String::from(v)))
            }
        }

        impl sea_orm::TryGetable for $ty {
            fn try_get_by<I: sea_orm::ColIdx>(
                res: &sea_orm::QueryResult,
                idx: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                <String as sea_orm::TryGetable>::try_get_by(res, idx).map(<$ty>::from)
            }
        }

        impl sea_orm::sea_query::ValueType for $ty {
            fn try_from(
                v: sea_orm::Value,
            ) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                <String as sea_orm::sea_query::ValueType>::try_from(v).map(<$ty>::from)
            }

            fn type_name() -> String {
                stringify!($ty).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                sea_orm::sea_query::ArrayType::String
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::String(sea_orm::sea_query::StringLen::None)
            }
        }

        impl sea_orm::sea_query::Nullable for $ty {
            fn null() -> sea_orm::Value {
                sea_orm::Value::String(None)
            }
        }

        impl sea_orm::TryFromU64 for $ty {
            fn try_from_u64(_: u64) -> Result<Self, DbErr> {
                Err(DbErr::ConvertFromU64(stringify!($ty)))
            }
        }

        impl sea_orm::sea_query::postgres_array::NotU8 for $ty {}
    )*};
}

text_value!(
    SpaceId,
    PersonId,
    AgentId,
    AdministrationId,
    DossierId,
    AttachmentId,
    UploadId,
    MessageId,
    MessageFileId,
    CommunicationId,
    DocumentNumber,
);

/// Implements sea-orm's `ActiveEnum` (stored as text) for a domain enum with `ALL`, `as_str`
/// and `parse`.
macro_rules! text_enum {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl sea_orm::Iterable for $ty {
            type Iterator = std::array::IntoIter<Self, { <$ty>::ALL.len() }>;

            fn iter() -> Self::Iterator {
                <$ty>::ALL.into_iter()
            }
        }

        impl sea_orm::ActiveEnum for $ty {
            type Value = String;
            type ValueVec = Vec<String>;

            fn name() -> sea_orm::sea_query::DynIden {
                sea_orm::sea_query::Alias::new($name).into()
            }

            fn to_value(&self) -> String {
                self.as_str().to_owned()
            }

            fn try_from_value(v: &String) -> Result<Self, DbErr> {
                <$ty>::parse(v).ok_or_else(|| {
                    DbErr::Type(format!("unexpected value for {}: {v}", $name))
                })
            }

            fn db_type() -> sea_orm::ColumnDef {
                sea_orm::prelude::ColumnTypeTrait::def(sea_orm::ColumnType::String(
                    sea_orm::sea_query::StringLen::None,
                ))
            }
        }

        impl From<$ty> for sea_orm::Value {
            fn from(v: $ty) -> Self {
                sea_orm::Value::String(Some(v.as_str().to_owned()))
            }
        }

        impl sea_orm::TryGetable for $ty {
            fn try_get_by<I: sea_orm::ColIdx>(
                res: &sea_orm::QueryResult,
                idx: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                let text = <String as sea_orm::TryGetable>::try_get_by(res, idx)?;
                <$ty as sea_orm::ActiveEnum>::try_from_value(&text)
                    .map_err(sea_orm::TryGetError::DbErr)
            }
        }

        impl sea_orm::sea_query::ValueType for $ty {
            fn try_from(
                v: sea_orm::Value,
            ) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let text = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
                <$ty>::parse(&text).ok_or(sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($ty).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                sea_orm::sea_query::ArrayType::String
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::String(sea_orm::sea_query::StringLen::None)
            }
        }

        impl sea_orm::sea_query::Nullable for $ty {
            fn null() -> sea_orm::Value {
                sea_orm::Value::String(None)
            }
        }

        impl sea_orm::sea_query::postgres_array::NotU8 for $ty {}
    )*};
}

text_enum!(
    Status => "dossier_status",
    Outcome => "dossier_outcome",
    Channel => "dossier_channel",
    Side => "message_side",
    ActorKind => "actor_kind",
    Role => "space_role",
    SpaceKind => "space_kind",
    CommunicationKind => "communication_kind",
    CommunicationState => "communication_state",
    CertificateUsage => "certificate_usage",
    CertificateKind => "certificate_kind",
);

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable, sea_query::ValueType};

    #[test]
    fn every_state_round_trips_through_its_stored_text() {
        for s in Status::iter() {
            let stored = s.to_value();
            assert_eq!(Status::try_from_value(&stored).unwrap(), s);
            assert_eq!(
                <Status as ValueType>::try_from(sea_orm::Value::from(s)).unwrap(),
                s
            );
        }
        for s in CommunicationState::iter() {
            assert_eq!(
                CommunicationState::try_from_value(&s.to_value()).unwrap(),
                s
            );
        }
        assert!(Status::try_from_value(&"lost".to_string()).is_err());
    }

    #[test]
    fn ids_are_stored_as_their_text() {
        let id = DossierId::from("d-1");
        assert_eq!(
            sea_orm::Value::from(id.clone()),
            sea_orm::Value::String(Some("d-1".into()))
        );
        assert_eq!(
            <DossierId as ValueType>::try_from(sea_orm::Value::String(Some("d-1".into()))).unwrap(),
            id
        );
    }
}
