//! The criminal record as an authentic source: the convictions recorded for a person, and
//! which of them each bulletin shows. A fixture stands in for the real record
//! ([`crate::store::criminal_record`]); any source implementing [`CriminalRecord`] can replace it.

use guichet_verifier::seal::Bulletin;
use time::Date;

use super::Error;

/// One conviction as the record holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conviction {
    /// The court that gave the decision.
    pub court: String,
    /// The day of the decision.
    pub decision_date: Date,
    /// The offence.
    pub offence: String,
    /// The sentence.
    pub sentence: String,
    /// The bulletins that show it (3, 5; none for convictions only authorities see).
    pub bulletins: Vec<Bulletin>,
}

impl Conviction {
    /// Whether `bulletin` shows this conviction.
    pub fn shown_on(&self, bulletin: Bulletin) -> bool {
        self.bulletins.contains(&bulletin)
    }
}

/// The criminal record: where convictions are read from when an extract is issued.
pub trait CriminalRecord: Send + Sync {
    /// Every conviction recorded for the person with this national identification number,
    /// oldest decision first; empty when there is none.
    ///
    /// # Errors
    /// [`Error::Internal`] when the source cannot be read (the issuance is retried).
    fn convictions(&self, matricule: &str) -> Result<Vec<Conviction>, Error>;
}

/// What bulletin `bulletin` lists out of `convictions`, in their order.
pub fn bulletin_entries(convictions: Vec<Conviction>, bulletin: Bulletin) -> Vec<Conviction> {
    convictions
        .into_iter()
        .filter(|c| c.shown_on(bulletin))
        .collect()
}

/// The bulletin a request names in its `bulletin` field (`"3"` or `"5"`); a request made
/// before the field existed asked for bulletin n° 3.
pub fn requested_bulletin(value: Option<&str>) -> Option<Bulletin> {
    match value {
        None => Some(Bulletin::No3),
        Some(v) => v.parse::<u64>().ok().and_then(Bulletin::from_number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conviction(bulletins: Vec<Bulletin>) -> Conviction {
        Conviction {
            court: "Tribunal".into(),
            decision_date: time::macros::date!(2020 - 01 - 01),
            offence: "Offence".into(),
            sentence: "Sentence".into(),
            bulletins,
        }
    }

    #[test]
    fn each_bulletin_lists_only_what_it_shows() {
        let all = vec![
            conviction(vec![Bulletin::No3]),
            conviction(vec![Bulletin::No3, Bulletin::No5]),
            conviction(vec![]),
        ];
        assert_eq!(bulletin_entries(all.clone(), Bulletin::No3).len(), 2);
        assert_eq!(bulletin_entries(all, Bulletin::No5).len(), 1);
    }

    #[test]
    fn the_requested_bulletin_is_3_or_5() {
        assert_eq!(requested_bulletin(Some("5")), Some(Bulletin::No5));
        assert_eq!(requested_bulletin(None), Some(Bulletin::No3));
        assert_eq!(requested_bulletin(Some("4")), None);
    }
}
