//! The offline route for the social security centre's procedures: each needs its domain
//! certified, so the employer's space is certified for all four domains first (request, the
//! centre's acceptance, the sealed codes letter, the holder's codes), then every domain
//! procedure's form is downloaded from that space, filled by pypdf, uploaded and transmitted.

use super::tools::{fill, pypdf, qpdf_accepts, typed};
use crate::mandates::{communication_of, printed_codes};
use guichet_tests::{Agent, Citizen, Company, Person, TestApp};
use serde_json::json;

const SECURITY: &str = "S3cure99";
const DOMAINS: [&str; 4] = [
    "employee-affiliations",
    "pay-and-sick-leave",
    "employer-general-data",
    "billing-and-accounting",
];

/// Certifies `space` for the four domains with the holder codes of the centre's letter.
async fn certify_every_domain(app: &TestApp, luc: &Person, space: &str) {
    luc.add_signature_certificate(app).await;
    let d = luc
        .api
        .start_dossier(space, "professional-space-certification")
        .await
        .ok(201);
    let id = d["id"].as_str().unwrap().to_string();
    let steps = [
        ("employer", json!({"employer_number": "20081234567"})),
        (
            "domains",
            json!({"domain_affiliations": true, "domain_pay": true,
                   "domain_employer": true, "domain_billing": true}),
        ),
        ("security", json!({"security_code": SECURITY})),
    ];
    for (step, values) in steps {
        let v = luc
            .api
            .fill_step(&id, step, json!({ "values": values }))
            .await
            .ok(200);
        assert_eq!(v["errors"], json!([]), "{step}: {v}");
    }
    luc.sign(&id, None).await.ok(200);
    luc.api.transmit(&id).await.ok(200);
    Agent::ccss(app)
        .await
        .take_and_decide(&id, "accepted", "Certification accordée")
        .await;
    let letter = communication_of(luc, space, "certification-codes").await;
    let file = luc
        .api
        .communication_file(space, letter["id"].as_str().unwrap())
        .await
        .expect(200);
    // Per domain, in order: the holder access code, then the revocation code.
    let codes = printed_codes(&file.body);
    assert!(codes.len() >= 8, "codes: {codes:?}");
    for (domain, pair) in DOMAINS.iter().zip(codes.chunks(2)) {
        luc.api
            .certify(space, domain, &pair[0], SECURITY)
            .await
            .expect(201);
    }
}

#[tokio::test]
async fn every_domain_procedure_s_form_is_filled_by_pypdf_uploaded_and_transmitted() {
    // Arrange: a company space certified for every domain.
    let app = TestApp::spawn().await;
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let company = Company::create(luc).await;
    let luc = &company.admin;
    certify_every_domain(&app, luc, &company.space).await;
    let catalog = app.client().procedures().await.ok(200);
    let procedures: Vec<String> = catalog
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["domain"].is_null())
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(procedures.len(), 4, "{catalog}");
    let organisation = luc.api.organisation(&company.space).await.ok(200);

    for procedure in &procedures {
        let blank = luc
            .api
            .offline_form(&company.space, procedure, Some("de"))
            .await
            .expect(200)
            .body;
        qpdf_accepts(&blank, procedure);
        if !pypdf() {
            return;
        }
        // Act: fill, upload, transmit.
        let filled = fill(&blank, &typed(procedure));
        let taken = luc
            .api
            .upload_offline_form(&company.space, procedure, filled)
            .await
            .ok(201);
        let d = &taken["dossier"];
        let id = d["id"].as_str().unwrap();
        // Assert: the organisation's name is the space's, the values are the typed ones, and
        // the dossier goes to the centre.
        assert_eq!(d["data"]["employer_name"], organisation["name"], "{d}");
        assert_eq!(d["data"]["employer_number"], "20081234567", "{d}");
        let validation = luc.api.validation(id).await.ok(200);
        assert_eq!(validation["errors"], json!([]), "{procedure}: {validation}");
        let sent = luc.api.transmit(id).await.ok(200);
        assert_eq!(sent["status"], "transmitted", "{procedure}: {sent}");
    }
}
