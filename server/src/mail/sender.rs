//! The two ways a mail leaves: an SMTP relay (lettre), or a folder the operator reads.

use crate::{
    config::{SmtpConfig, SmtpSecurity},
    jobs::JobState,
};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::{PoolConfig, authentication::Credentials},
};
use std::{future::Future, path::PathBuf, pin::Pin};

/// A mail ready to leave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// The outbox id, used as a stable Message-ID so retries can be recognised.
    pub id: String,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// Why a mail could not leave.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// An address or header could not be built.
    #[error("cannot build message: {0}")]
    Build(String),
    /// The relay or the folder refused it.
    #[error("cannot deliver: {0}")]
    Deliver(String),
}

/// Somewhere a mail can be handed to.
pub trait MailSender: Send + Sync + 'static {
    /// Hands `mail` over; `Ok` means the relay accepted it.
    fn send<'a>(
        &'a self,
        mail: &'a OutgoingMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

    /// The outbox state of a mail once [`MailSender::send`] succeeded: `sent` when it left for
    /// the recipient, `kept` when it only went to a local folder for the operator.
    fn delivered_status(&self) -> JobState {
        JobState::Sent
    }
}

fn build_message(from: &str, mail: &OutgoingMail) -> Result<Message, MailError> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| MailError::Build(format!("from: {e}")))?;
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| MailError::Build(format!("to: {e}")))?;
    let domain = from.email.domain().to_string();
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}@{}>", mail.id, domain)))
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| MailError::Build(e.to_string()))
}

/// Delivers through an SMTP relay, over a pool of connections kept open between mails (one
/// pool per process, shared by every mail job).
pub struct SmtpSender {
    from: String,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpSender {
    /// A sender for the relay in `config`, with `from` as sender address, keeping up to
    /// `connections` connections to the relay open.
    pub fn new(config: &SmtpConfig, from: &str, connections: u32) -> Result<Self, MailError> {
        let builder = match config.security {
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            }
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                    .map_err(|e| MailError::Build(e.to_string()))?
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|e| MailError::Build(e.to_string()))?,
        };
        let mut builder = builder
            .port(config.port)
            .pool_config(PoolConfig::new().max_size(connections.max(1)));
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose().to_string(),
            ));
        }
        Ok(Self {
            from: from.to_string(),
            transport: builder.build(),
        })
    }
}

impl MailSender for SmtpSender {
    fn send<'a>(
        &'a self,
        mail: &'a OutgoingMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(async move {
            let message = build_message(&self.from, mail)?;
            self.transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Deliver(e.to_string()))
        })
    }
}

/// Keeps each mail as an `.eml` file in a folder: the embedded default, read by the operator.
pub struct FolderSender {
    from: String,
    dir: PathBuf,
}

impl FolderSender {
    /// A sender writing into `dir` (created when needed).
    pub fn new(dir: PathBuf, from: &str) -> Self {
        Self {
            from: from.to_string(),
            dir,
        }
    }
}

impl MailSender for FolderSender {
    fn send<'a>(
        &'a self,
        mail: &'a OutgoingMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(async move {
            let message = build_message(&self.from, mail)?;
            tokio::fs::create_dir_all(&self.dir)
                .await
                .map_err(|e| MailError::Deliver(e.to_string()))?;
            let path = self.dir.join(format!("{}.eml", mail.id));
            tokio::fs::write(&path, message.formatted())
                .await
                .map_err(|e| MailError::Deliver(e.to_string()))
        })
    }

    fn delivered_status(&self) -> JobState {
        JobState::Kept
    }
}
