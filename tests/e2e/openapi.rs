//! The committed OpenAPI document is the one the server serves.

use guichet_tests::{TestApp, repo_path};

#[tokio::test]
async fn served_openapi_matches_the_committed_document() {
    let app = TestApp::spawn().await;
    let served = app
        .client()
        .get_root("/api/openapi.json")
        .await
        .expect(200)
        .text();
    let path = repo_path("openapi.json");
    if std::env::var("GUICHET_UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &served).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        served == committed,
        "openapi.json drifted from the served document: run `GUICHET_UPDATE_OPENAPI=1 cargo test -p guichet-tests --test e2e openapi` and commit it"
    );
    app.client().get_root("/api/docs").await.expect(200);
}

/// Every operation's answers in the served document, for the checks below.
async fn served_spec() -> serde_json::Value {
    let app = TestApp::spawn().await;
    app.client().get_root("/api/openapi.json").await.ok(200)
}

#[tokio::test]
async fn every_operation_documents_its_problems() {
    let spec = served_spec().await;
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            for status in ["400", "401", "404", "413", "415", "422", "500"] {
                let problem = &responses
                    .get(status)
                    .unwrap_or_else(|| panic!("{method} {path} does not document {status}"))["content"]
                    ["application/problem+json"]["schema"]["$ref"];
                assert_eq!(
                    problem, "#/components/schemas/Problem",
                    "{method} {path} {status}"
                );
            }
            assert!(
                responses["401"]["headers"]["WWW-Authenticate"].is_object(),
                "{method} {path}"
            );
        }
    }
    assert!(operations > 50, "{operations} operations");
    let problem = &spec["components"]["schemas"]["Problem"];
    let required: Vec<&str> = problem["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        ["type", "title", "status", "detail", "request_id"],
        "{problem}"
    );
    for optional in ["field", "reason"] {
        assert!(problem["properties"][optional].is_object(), "{optional}");
    }
}

#[tokio::test]
async fn fields_answered_as_null_are_nullable() {
    let spec = served_spec().await;
    let schemas = &spec["components"]["schemas"];
    for (schema, field) in [
        ("ProfileData", "iban"),
        ("ProfileData", "phone"),
        ("CertificateResponse", "organisation"),
        ("MeResponse", "private_space_id"),
    ] {
        assert_eq!(
            schemas[schema]["properties"][field]["nullable"],
            serde_json::json!(true),
            "{schema}.{field}: {}",
            schemas[schema]["properties"][field]
        );
    }
}

#[tokio::test]
async fn problems_match_their_documented_schema() {
    let app = TestApp::spawn().await;
    let resp = app.client().with_token("not-a-token").me().await;
    assert_eq!(resp.status, 401);
    assert_eq!(
        resp.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(resp.header("www-authenticate"), Some("Bearer"));
    let body = resp.json();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["type", "title", "status", "detail", "request_id"] {
        assert!(keys.contains(&key), "{body}");
    }
    assert!(body.get("field").is_none(), "absent, not null: {body}");
}
