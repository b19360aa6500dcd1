//! Fees and electronic payments: what a procedure version costs (catalog data), and the state
//! machines of a payment and of its refund, which accept the provider's reports in any order.
//!
//! The amount is always computed here from the catalog and the dossier's form data, never taken
//! from a client. A provider's reports (webhooks, or the reconciliation's status query) are
//! [`Observed`] statuses; [`observe`] and [`observe_refund`] say what each does to the current
//! state. Both machines only move "up" a fixed order, so a report that arrives late (older than
//! one already applied) changes nothing, and the outcome does not depend on arrival order.

mod record;

pub use record::{Payment, PaymentEvent, Refund};

use super::procedures::Texts;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The only currency of the portal (ISO 4217).
pub const EUR: &str = "EUR";

/// When a fee is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Paid before the dossier may be transmitted.
    BeforeTransmission,
}

/// A reduction of a fee, as catalog data: applies when a form field has a given value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reduction {
    /// The form field read.
    pub field: String,
    /// The value that grants the reduction.
    pub equals: Value,
    /// The share of the base amount taken off, in percent (1 to 100).
    pub percent: u8,
    /// What the reduction is, shown to the person.
    pub label: Texts,
}

/// The fee of a procedure version (`fee` in `fixtures/procedures/*.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// The base amount, in cents (e.g. `1500` for 15.00).
    pub amount_cents: i64,
    /// ISO 4217 code; only `EUR`.
    pub currency: String,
    /// When it is due.
    pub due: Due,
    /// Reductions, each applied once when its condition holds; the amount never goes below 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reductions: Vec<Reduction>,
}

/// Why a fee definition cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// Not EUR.
    #[error("fee currency {0} is not EUR")]
    Currency(String),
    /// A negative or absurd amount (more than 100,000.00).
    #[error("fee amount {0} out of range")]
    Amount(i64),
    /// A reduction of 0 % or more than 100 %.
    #[error("reduction on {0}: percent out of range")]
    Percent(String),
}

impl Fee {
    /// Checks the definition.
    pub fn check(&self) -> Result<(), FeeError> {
        if self.currency != EUR {
            return Err(FeeError::Currency(self.currency.clone()));
        }
        if !(0..=10_000_000).contains(&self.amount_cents) {
            return Err(FeeError::Amount(self.amount_cents));
        }
        if let Some(r) = self
            .reductions
            .iter()
            .find(|r| r.percent == 0 || r.percent > 100)
        {
            return Err(FeeError::Percent(r.field.clone()));
        }
        Ok(())
    }

    /// The amount due for a dossier with form `data`, in cents: the base amount less every
    /// reduction whose field holds its value (a share of the base, rounded down), at least 0.
    pub fn amount_for(&self, data: &Map<String, Value>) -> i64 {
        let off: i64 = self
            .reductions
            .iter()
            .filter(|r| data.get(&r.field) == Some(&r.equals))
            .map(|r| self.amount_cents * i64::from(r.percent) / 100)
            .sum();
        (self.amount_cents - off).max(0)
    }
}

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentState {
    /// Recorded here; the provider's checkout session is not created yet.
    Created,
    /// The checkout session is open: the person is (or may be) on the provider's page.
    Pending,
    /// The provider reported a failed payment (e.g. a declined debit).
    Failed,
    /// Given up by the person before paying.
    Cancelled,
    /// The checkout session expired unpaid.
    Expired,
    /// The provider reported the money captured.
    Paid,
}

impl PaymentState {
    /// Every state.
    pub const ALL: [Self; 6] = [
        Self::Created,
        Self::Pending,
        Self::Failed,
        Self::Cancelled,
        Self::Expired,
        Self::Paid,
    ];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Pending => "pending",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Paid => "paid",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the payment may still be completed (a new one is not started meanwhile).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Created | Self::Pending)
    }

    /// The rank in the one order the machine moves along: created < pending < failed,
    /// cancelled, expired (one level) < paid.
    fn rank(self) -> u8 {
        match self {
            Self::Created => 0,
            Self::Pending => 1,
            Self::Failed | Self::Cancelled | Self::Expired => 2,
            Self::Paid => 3,
        }
    }
}

impl fmt::Display for PaymentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status the provider reported about a payment (its checkout session).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Observed {
    /// The session is open, unpaid.
    Open,
    /// Captured.
    Paid,
    /// The payment failed.
    Failed,
    /// The session was expired on request (the person gave up).
    Cancelled,
    /// The session expired unpaid.
    Expired,
}

impl Observed {
    /// The state this status means.
    pub fn state(self) -> PaymentState {
        match self {
            Self::Open => PaymentState::Pending,
            Self::Paid => PaymentState::Paid,
            Self::Failed => PaymentState::Failed,
            Self::Cancelled => PaymentState::Cancelled,
            Self::Expired => PaymentState::Expired,
        }
    }
}

/// The state after the provider reported `observed` while the payment was `current`; `None`
/// when the report changes nothing (a duplicate, or older news than the current state).
///
/// Only a move up the order is taken, so a late report never undoes a newer one; a payment
/// failed, cancelled or expired that the provider later reports captured becomes paid; paid is
/// never left (a refund is a separate machine).
pub fn observe(current: PaymentState, observed: Observed) -> Option<PaymentState> {
    let to = observed.state();
    (to.rank() > current.rank()).then_some(to)
}

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefundState {
    /// Asked of the provider.
    Requested,
    /// The provider reported it done.
    Succeeded,
    /// The provider reported it failed (also after it had succeeded).
    Failed,
}

impl RefundState {
    /// Every state.
    pub const ALL: [Self; 3] = [Self::Requested, Self::Succeeded, Self::Failed];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    fn rank(self) -> u8 {
        match self {
            Self::Requested => 0,
            Self::Succeeded => 1,
            Self::Failed => 2,
        }
    }
}

impl fmt::Display for RefundState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The refund's state after the provider reported `observed` while it was `current`; `None`
/// when nothing changes. requested → succeeded → failed, never back: a pending report after a
/// success, or a success after a failure, is older news.
pub fn observe_refund(current: RefundState, observed: RefundState) -> Option<RefundState> {
    (observed.rank() > current.rank()).then_some(observed)
}

/// What a dossier owes, for the dashboard, the back office and the transmission check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// The procedure has no fee, or the reductions bring it to 0.
    Free,
    /// A fee is due and no payment captured it.
    Due {
        /// The amount, cents.
        amount_cents: i64,
        /// The latest payment's state, if one was started.
        latest: Option<PaymentState>,
    },
    /// Paid.
    Paid {
        /// The amount, cents.
        amount_cents: i64,
        /// The refund's state, if a refund was asked.
        refund: Option<RefundState>,
    },
}

impl Standing {
    /// What the dashboard and the back office show: `free`, `due`, the latest payment's state,
    /// or `refund_requested`, `refunded`, `refund_failed`.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Due { latest: None, .. } => "due",
            Self::Due {
                latest: Some(s), ..
            } => s.as_str(),
            Self::Paid { refund: None, .. } => "paid",
            Self::Paid {
                refund: Some(RefundState::Requested),
                ..
            } => "refund_requested",
            Self::Paid {
                refund: Some(RefundState::Succeeded),
                ..
            } => "refunded",
            Self::Paid {
                refund: Some(RefundState::Failed),
                ..
            } => "refund_failed",
        }
    }

    /// Whether the dossier may be transmitted as far as money goes.
    pub fn allows_transmission(&self) -> bool {
        !matches!(self, Self::Due { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Observed as O;
    use PaymentState as P;
    use serde_json::json;

    fn fee() -> Fee {
        serde_json::from_value(json!({
            "amount_cents": 1500, "currency": "EUR", "due": "before_transmission",
            "reductions": [{"field": "legal_aid", "equals": true, "percent": 100,
                "label": {"fr": "a", "de": "b", "en": "c"}}]
        }))
        .unwrap()
    }

    #[test]
    fn the_amount_is_the_base_less_the_reductions_whose_condition_holds() {
        let f = fee();
        f.check().unwrap();
        let data = |v: Value| json!({ "legal_aid": v }).as_object().unwrap().clone();
        assert_eq!(f.amount_for(&Map::new()), 1500);
        assert_eq!(f.amount_for(&data(json!(false))), 1500);
        assert_eq!(f.amount_for(&data(json!(true))), 0);
        let mut half = f.clone();
        half.reductions[0].percent = 50;
        assert_eq!(half.amount_for(&data(json!(true))), 750);
    }

    #[test]
    fn a_fee_in_another_currency_or_with_a_wrong_percent_is_refused() {
        let mut f = fee();
        f.currency = "USD".into();
        assert!(matches!(f.check(), Err(FeeError::Currency(_))));
        let mut f = fee();
        f.reductions[0].percent = 101;
        assert!(matches!(f.check(), Err(FeeError::Percent(_))));
        let mut f = fee();
        f.amount_cents = -1;
        assert!(matches!(f.check(), Err(FeeError::Amount(-1))));
    }

    #[test]
    fn a_payment_runs_from_created_to_paid() {
        assert_eq!(observe(P::Created, O::Open), Some(P::Pending));
        assert_eq!(observe(P::Pending, O::Open), None);
        assert_eq!(observe(P::Pending, O::Paid), Some(P::Paid));
        assert_eq!(observe(P::Created, O::Paid), Some(P::Paid));
    }

    #[test]
    fn a_failed_expired_or_cancelled_payment_later_reported_captured_becomes_paid() {
        for s in [P::Failed, P::Expired, P::Cancelled] {
            assert_eq!(observe(s, O::Paid), Some(P::Paid), "{s}");
            assert_eq!(observe(s, O::Open), None, "{s}");
        }
    }

    #[test]
    fn paid_is_never_left_whatever_arrives_late() {
        for o in [O::Open, O::Paid, O::Failed, O::Cancelled, O::Expired] {
            assert_eq!(observe(P::Paid, o), None, "{o:?}");
        }
    }

    #[test]
    fn any_order_of_the_same_reports_ends_in_the_same_state() {
        let reports = [O::Open, O::Failed, O::Paid, O::Expired];
        let run = |order: &[O]| {
            order
                .iter()
                .fold(P::Created, |s, o| observe(s, *o).unwrap_or(s))
        };
        let mut order = reports;
        for _ in 0..4 {
            order.rotate_left(1);
            assert_eq!(run(&order), P::Paid);
            let mut rev = order;
            rev.reverse();
            assert_eq!(run(&rev), P::Paid);
        }
    }

    #[test]
    fn a_refund_moves_up_only_and_a_success_can_still_fail() {
        use RefundState as R;
        assert_eq!(
            observe_refund(R::Requested, R::Succeeded),
            Some(R::Succeeded)
        );
        assert_eq!(observe_refund(R::Succeeded, R::Failed), Some(R::Failed));
        assert_eq!(observe_refund(R::Succeeded, R::Requested), None);
        assert_eq!(observe_refund(R::Failed, R::Succeeded), None);
        for s in R::ALL {
            assert_eq!(R::parse(s.as_str()), Some(s));
        }
        for s in P::ALL {
            assert_eq!(P::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn only_a_due_fee_stops_a_transmission() {
        assert!(Standing::Free.allows_transmission());
        let due = Standing::Due {
            amount_cents: 1500,
            latest: Some(P::Pending),
        };
        assert!(!due.allows_transmission());
        assert_eq!(due.label(), "pending");
        let paid = Standing::Paid {
            amount_cents: 1500,
            refund: Some(RefundState::Succeeded),
        };
        assert!(paid.allows_transmission());
        assert_eq!(paid.label(), "refunded");
    }
}
