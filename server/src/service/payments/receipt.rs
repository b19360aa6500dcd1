//! The receipt of a paid fee: a PDF delivered into the space's communications (with its mail and
//! push notices), in the space's language, in the transaction that records the payment paid.

use crate::catalog;
use crate::domain::{Error, Language, ids::CommunicationId, payments::Payment};
use crate::service::{
    Context, catalog as procedures,
    communications::{NewCommunication, NewFile, administration_name, deliver, kind},
};
use crate::store;
use guichet_documents::receipt::{self, Receipt};
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

/// An amount as the language writes it: `15,00 EUR`, `EUR 15.00`.
pub fn amount_text(cents: i64, currency: &str, lang: Language) -> String {
    let (units, rest) = (cents / 100, (cents % 100).abs());
    match lang {
        Language::En => format!("{currency} {units}.{rest:02}"),
        Language::Fr | Language::De => format!("{units},{rest:02} {currency}"),
    }
}

/// Renders the receipt of `payment` (paid) and delivers it into its space; answers the
/// communication's id.
pub(crate) async fn deliver_in<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    payment: &Payment,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let lang = crate::service::spaces::preferred_language(conn, &payment.space_id).await?;
    let dossier = store::dossiers::find(conn, &payment.dossier_id)
        .await?
        .ok_or_else(|| Error::internal("the paid dossier is gone"))?;
    let procedure =
        procedures::version(conn, &dossier.procedure_id, dossier.procedure_version).await?;
    let authority = administration_name(conn, &payment.administration_id, lang).await?;
    let paid_at = payment.paid_at.unwrap_or(now);
    let title = catalog::payment_receipt_title(lang).into_owned();
    let lines = vec![
        (
            catalog::payment_receipt_procedure(lang).into_owned(),
            procedure.title.get(lang).chars().take(70).collect(),
        ),
        (
            catalog::payment_receipt_dossier(lang).into_owned(),
            dossier.id.to_string(),
        ),
        (
            catalog::payment_receipt_amount(lang).into_owned(),
            amount_text(payment.amount_cents, &payment.currency, lang),
        ),
        (
            catalog::payment_receipt_paid_at(lang).into_owned(),
            lang.date(paid_at.date()),
        ),
        (
            catalog::payment_receipt_reference(lang).into_owned(),
            payment
                .payment_reference
                .clone()
                .unwrap_or_else(|| payment.id.clone()),
        ),
    ];
    let pdf = receipt::render(&Receipt {
        authority,
        title: title.clone(),
        lines,
        note: catalog::payment_receipt_note(lang).into_owned(),
    })
    .map_err(Error::internal)?;
    let prefix = catalog::payment_receipt_file_prefix(lang);
    let new = NewCommunication {
        id: CommunicationId::generate(),
        space_id: &payment.space_id,
        kind: kind::PAYMENT_RECEIPT,
        administration_id: &payment.administration_id,
        dossier_id: Some(&dossier.id),
        document_number: None,
        key_id: None,
        title,
        body: None,
        language: lang,
        file: Some(NewFile {
            name: format!("{prefix}-{}.pdf", &payment.id[..8.min(payment.id.len())]),
            media_type: "application/pdf".into(),
            content: pdf,
        }),
        seal_text: None,
        issuance_job_id: None,
        verification_code_hash: None,
    };
    deliver(conn, ctx, new, now).await.map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_the_way_each_language_does() {
        assert_eq!(amount_text(1500, "EUR", Language::Fr), "15,00 EUR");
        assert_eq!(amount_text(1505, "EUR", Language::De), "15,05 EUR");
        assert_eq!(amount_text(99, "EUR", Language::En), "EUR 0.99");
    }
}
