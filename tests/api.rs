//! What the helpers need from a server under test, in process ([`crate::TestApp`]) or as a
//! child process ([`crate::ServerProcess`]): its address, an HTTP client and the SMTP sink its
//! mail reaches.

use crate::SmtpSink;

pub trait Api {
    /// `http://127.0.0.1:port`.
    fn base(&self) -> &str;
    fn http(&self) -> &reqwest::Client;
    fn smtp(&self) -> &SmtpSink;

    /// A typed client of this server, without a token.
    fn client(&self) -> crate::Client {
        crate::Client::new(self.base(), self.http().clone())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> impl std::future::Future<Output = reqwest::Response> + Send {
        let mut req = self.http().post(self.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move { req.send().await.unwrap() }
    }

    fn get(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> impl std::future::Future<Output = reqwest::Response> + Send {
        let mut req = self.http().get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move { req.send().await.unwrap() }
    }
}

impl<T: Api> Api for std::sync::Arc<T> {
    fn base(&self) -> &str {
        T::base(self)
    }
    fn http(&self) -> &reqwest::Client {
        T::http(self)
    }
    fn smtp(&self) -> &SmtpSink {
        T::smtp(self)
    }
}
