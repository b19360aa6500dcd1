//! The `Allow` header of a 405 answer (RFC 9110 §15.5.6): the methods the OpenAPI document
//! gives the requested path.

/// Path templates of the OpenAPI document (`/api/v1/dossiers/{dossier_id}`) and their methods.
#[derive(Debug, Default, Clone)]
pub struct AllowIndex {
    paths: Vec<(Vec<String>, String)>,
}

impl AllowIndex {
    /// Reads the `paths` of an OpenAPI document (JSON text); an unreadable one gives no entries.
    pub fn from_spec(spec: &str) -> Self {
        let doc: serde_json::Value = serde_json::from_str(spec).unwrap_or_default();
        let paths = doc["paths"]
            .as_object()
            .map(|paths| {
                paths
                    .iter()
                    .map(|(template, item)| {
                        let methods = item
                            .as_object()
                            .map(|ops| {
                                ops.keys()
                                    .map(|m| m.to_ascii_uppercase())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            })
                            .unwrap_or_default();
                        (segments(template), methods)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self { paths }
    }

    /// The methods of the template `path` matches (`{x}` matches one segment), e.g. `GET, PUT`.
    pub fn methods(&self, path: &str) -> Option<&str> {
        let wanted = segments(path);
        self.paths
            .iter()
            .find(|(template, _)| {
                template.len() == wanted.len()
                    && template
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| t == w || (t.starts_with('{') && t.ends_with('}')))
            })
            .map(|(_, methods)| methods.as_str())
    }
}

fn segments(path: &str) -> Vec<String> {
    path.trim_end_matches('/')
        .split('/')
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::AllowIndex;

    #[test]
    fn a_path_gets_the_methods_of_its_template() {
        let index = AllowIndex::from_spec(
            r#"{"paths":{"/api/v1/dossiers/{id}":{"get":{},"delete":{}},"/api/v1/dossiers/{id}/submit":{"post":{}}}}"#,
        );
        assert_eq!(index.methods("/api/v1/dossiers/abc"), Some("DELETE, GET"));
        assert_eq!(index.methods("/api/v1/dossiers/abc/submit"), Some("POST"));
        assert_eq!(index.methods("/api/v1/elsewhere"), None);
    }
}
