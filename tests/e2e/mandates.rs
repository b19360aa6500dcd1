//! Certification of a professional space and mandates per domain (issue 13), over HTTP: the
//! employer requests certification for two domains naming an accountant, the social security
//! centre accepts, the sealed codes letter arrives (and the verifier accepts it), the holder
//! certifies both domains, the accountant adds access for one and files a procedure of it for
//! the employer, refused in the other; the employer sees who filed under which mandate; wrong
//! codes lock code entry; revocation takes effect at once; a domain's first use switches its
//! letters from the post to the space.

use guichet::service::issuer_keys;
use guichet::store::postal;
use guichet_tests::{
    Agent, Citizen, Company, Person, TestApp, assert_problem, company::organisation_body,
};
use guichet_verifier::seal::{DocumentData, Domain};
use guichet_verifier::verify::{self, Verdict};
use serde_json::{Value, json};
use std::time::Duration;

const EMPLOYER_NUMBER: &str = "20081234567";
const SECURITY: &str = "S3cure99";
const AFFILIATIONS: &str = "employee-affiliations";
const PAY: &str = "pay-and-sick-leave";

/// Waits until `space` holds a communication of `kind`; returns it.
pub(crate) async fn communication_of(person: &Person, space: &str, kind: &str) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let page = person.api.communications(space).await.ok(200);
        if let Some(c) = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind)
        {
            return c.clone();
        }
        assert!(tokio::time::Instant::now() < deadline, "no {kind}: {page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The codes printed on the letter, in order: the shape `XXXX-XXXX-XXXX-X` (access and
/// revocation codes) or `XXXX-XXXX-X` (a mandatary's security code).
pub(crate) fn printed_codes(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    text.split_whitespace()
        .filter(|t| {
            let groups: Vec<&str> = t.split('-').collect();
            (groups.len() == 4 || groups.len() == 3)
                && groups[..groups.len() - 1].iter().all(|g| g.len() == 4)
                && groups[groups.len() - 1].len() == 1
                && t.chars()
                    .all(|c| c == '-' || c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

/// Files the certification request in the company's space for two domains, naming Marie (the
/// accountant) for both; returns the dossier id.
async fn request_certification(app: &TestApp, luc: &Person, space: &str, marie: &Person) -> String {
    luc.add_signature_certificate(app).await;
    let d = luc
        .api
        .start_dossier(space, "professional-space-certification")
        .await
        .ok(201);
    assert_eq!(d["procedure_version"], 3, "{d}");
    let id = d["id"].as_str().unwrap().to_string();
    let m = marie.citizen.matricule.as_str();
    let steps = [
        ("employer", json!({"employer_number": EMPLOYER_NUMBER})),
        (
            "mandataries",
            json!({
                "mandatary_affiliations_matricule": m,
                "mandatary_affiliations_name": "Fiduciaire Schmit",
                "mandatary_pay_matricule": m,
                "mandatary_pay_name": "Fiduciaire Schmit",
            }),
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
    id
}

#[tokio::test]
async fn an_accountant_acts_for_the_employer_only_in_the_mandated_domain_until_revoked() {
    let app = TestApp::spawn().await;
    let luc = Person::register(&app, Citizen::luc_lentz_pro()).await;
    let mut company = Company::create(luc).await;
    let luc = &company.admin;
    let mut marie = Person::marie(&app).await;
    let mut firm = organisation_body();
    firm["name"] = json!("Fiduciaire Schmit");
    firm["rcs_number"] = json!("B654321");
    let made = marie.api.create_space(firm).await.ok(201);
    let fiduciary = made["space"]["id"].as_str().unwrap().to_string();
    let ccss = Agent::ccss(&app).await;

    // Before certification, a procedure of a domain is refused, naming why.
    let p = assert_problem(
        &luc.api
            .start_dossier(&company.space, "ccss-employee-declaration")
            .await,
        422,
        "invalid-field",
    );
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("procedure_id"), Some("not-certified"))
    );

    // The request for two domains, accepted by the centre: the sealed codes letter arrives.
    let request = request_certification(&app, luc, &company.space, &marie).await;
    ccss.take_and_decide(&request, "accepted", "Certification accordée")
        .await;
    let letter = communication_of(luc, &company.space, "certification-codes").await;
    let file = luc
        .api
        .communication_file(&company.space, letter["id"].as_str().unwrap())
        .await
        .expect(200);
    let list = issuer_keys::trust_list_content(&app.ctx).await.unwrap();
    let now = guichet::clock::Clock::now(app.clock.as_ref());
    let checked = verify::verify_pdf(&file.body, &list, now);
    assert_eq!(checked.overall(), Verdict::Valid, "{checked:?}");
    let claims = checked.claims.unwrap();
    let DocumentData::CertificationCodes(c) = &claims.document else {
        panic!("not a codes letter: {claims:?}")
    };
    assert_eq!(c.employer_number, EMPLOYER_NUMBER);
    assert_eq!(
        c.domains,
        [Domain::EmployeeAffiliations, Domain::PayAndSickLeave]
    );
    assert_eq!(claims.subject.family_name, "Lentz");
    let codes = printed_codes(&file.body);
    let [
        aff_holder,
        aff_revocation,
        pay_holder,
        _pay_revocation,
        mandatary_security,
        mandatary_aff,
        _mandatary_pay,
    ] = <[String; 7]>::try_from(codes.clone()).unwrap_or_else(|_| panic!("codes: {codes:?}"));
    assert_eq!(mandatary_security.len(), 11, "{codes:?}");
    // The same letter waits for the operator to print and post it.
    let letters = postal::list(&app.ctx.db, false).await.unwrap();
    let posted = letters
        .iter()
        .find(|l| l.communication_id.as_deref() == letter["id"].as_str())
        .unwrap_or_else(|| panic!("not listed for the post: {letters:?}"));
    assert_eq!(posted.content.as_deref(), Some(file.body.as_slice()));

    // Guessing: a typo is caught by the check character and not counted; wrong codes are
    // refused, the fifth locks code entry with the time to wait, even for the right code.
    let mut typo = aff_holder.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '3' { '4' } else { '3' });
    let p = assert_problem(
        &luc.api
            .certify(&company.space, AFFILIATIONS, &typo, SECURITY)
            .await,
        422,
        "invalid-field",
    );
    assert_eq!(p["reason"], "check-character", "{p}");
    for _ in 0..4 {
        assert_problem(
            &luc.api
                .certify(&company.space, AFFILIATIONS, &aff_holder, "Wrong999")
                .await,
            422,
            "code-rejected",
        );
    }
    let locked = luc
        .api
        .certify(&company.space, AFFILIATIONS, &aff_holder, "Wrong999")
        .await;
    assert_eq!(
        locked
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("900")
    );
    assert_problem(&locked, 429, "code-locked");
    assert_problem(
        &luc.api
            .certify(&company.space, AFFILIATIONS, &aff_holder, SECURITY)
            .await,
        429,
        "code-locked",
    );
    let log = luc
        .api
        .access_log_with(&company.space, &[("action", "certification.add")])
        .await
        .ok(200);
    assert_eq!(log["total"], 6, "{log}");
    // A quarter of an hour later (signed in again: the tokens expired too), codes work again.
    app.clock.advance(time::Duration::minutes(16));
    company.admin.sign_in_again(&app).await;
    marie.sign_in_again(&app).await;
    let ccss = Agent::ccss(&app).await;
    let luc = &company.admin;

    // The holder certifies both domains: the main mandates.
    let main = luc
        .api
        .certify(&company.space, AFFILIATIONS, &aff_holder, SECURITY)
        .await
        .ok(201);
    assert_eq!(
        (main["kind"].as_str(), main["domain"].as_str()),
        (Some("main"), Some(AFFILIATIONS))
    );
    luc.api
        .certify(&company.space, PAY, &pay_holder, SECURITY)
        .await
        .ok(201);
    assert_problem(
        &luc.api
            .certify(&company.space, PAY, &pay_holder, SECURITY)
            .await,
        422,
        "code-rejected",
    );
    let certs = luc.api.certifications(&company.space).await.ok(200);
    assert_eq!(certs["employer_number"], EMPLOYER_NUMBER);
    let certified: Vec<&str> = certs["domains"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["certified"] == true)
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(certified, [AFFILIATIONS, PAY]);
    // Certified but not used yet: the centre's letters go by post.
    let letter_body = json!({"domain": PAY, "title": "Décompte", "body": "Votre décompte."});
    let sent = ccss
        .api
        .send_domain_letter(EMPLOYER_NUMBER, letter_body.clone())
        .await
        .ok(201);
    assert_eq!(sent["delivered"], "post", "{sent}");

    // The accountant adds access for one domain from her own space, and sees the employer.
    let access = |domain: &str, code: &str| {
        json!({"employer_number": EMPLOYER_NUMBER, "domain": domain,
               "access_code": code, "security_code": mandatary_security})
    };
    let mandate = marie
        .api
        .add_employer_access(&fiduciary, access(AFFILIATIONS, &mandatary_aff))
        .await
        .ok(201);
    let mandate_id = mandate["id"].as_str().unwrap().to_string();
    let employers = marie.api.employers(&fiduciary).await.ok(200);
    assert_eq!(
        employers[0]["employer_name"], "Boulangerie Lentz Sàrl",
        "{employers}"
    );
    assert_eq!(employers[0]["domain"], AFFILIATIONS);
    assert_eq!(employers[0]["employer_space_id"], company.space.as_str());

    // She files a procedure of that domain for the employer: the dossier is the employer's.
    let d = marie
        .api
        .start_dossier(&company.space, "ccss-employee-declaration")
        .await
        .ok(201);
    let filed = d["id"].as_str().unwrap().to_string();
    assert_eq!(d["mandate_id"], mandate_id.as_str());
    let employer = json!({"values": {"employer_number": EMPLOYER_NUMBER}});
    let v = marie
        .api
        .fill_step(&filed, "employer", employer)
        .await
        .ok(200);
    assert_eq!(v["errors"], json!([]), "{v}");
    let values = json!({"values": {"employee_matricule": "1996020565583",
        "employee_name": "Zoé Bettendorf", "start_date": "2026-12-01", "weekly_hours": 40}});
    let v = marie
        .api
        .fill_step(&filed, "employee", values)
        .await
        .ok(200);
    assert_eq!(v["errors"], json!([]), "{v}");
    marie.api.transmit(&filed).await.ok(200);
    // Outside the mandated domain she is refused like an unknown procedure or dossier.
    let p = assert_problem(
        &marie
            .api
            .start_dossier(&company.space, "ccss-pay-certificate")
            .await,
        422,
        "invalid-field",
    );
    assert_eq!(p["field"], "procedure_id");
    let pay = luc
        .api
        .start_dossier(&company.space, "ccss-pay-certificate")
        .await
        .ok(201);
    let pay = pay["id"].as_str().unwrap();
    assert_problem(&marie.api.dossier(pay).await, 404, "not-found");
    assert_problem(
        &marie.api.certifications(&company.space).await,
        404,
        "not-found",
    );
    assert_problem(&marie.api.dossier(&request).await, 404, "not-found");

    // The employer sees the dossier, who filed it and under which mandate.
    let seen = luc.api.dossier(&filed).await.ok(200);
    assert_eq!(seen["acting_person_id"], marie.id.as_str());
    assert_eq!(seen["mandate_id"], mandate_id.as_str());
    let timeline = luc.api.timeline(&filed).await.ok(200);
    assert_eq!(timeline[0]["actor_id"], marie.id.as_str(), "{timeline}");
    assert_eq!(timeline[0]["actor_role"], "mandatary", "{timeline}");
    let board = luc.api.space_dossiers(&company.space).await.ok(200);
    assert!(
        board["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == filed.as_str()),
        "{board}"
    );
    let granted = luc
        .api
        .access_log_with(&company.space, &[("action", "mandate.granted")])
        .await
        .ok(200);
    assert_eq!(granted["items"][0]["actor"], marie.id.as_str(), "{granted}");

    // The domain is in use now: the centre's letters reach the space, with a mail.
    let sent = ccss
        .api
        .send_domain_letter(EMPLOYER_NUMBER, letter_body)
        .await
        .ok(201);
    assert_eq!(sent["delivered"], "space", "{sent}");
    let certs = luc.api.certifications(&company.space).await.ok(200);
    let pay_domain = certs["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == PAY)
        .unwrap()
        .clone();
    assert!(pay_domain["edelivery_since"].is_string(), "{certs}");
    let delivered = luc.api.communications(&company.space).await.ok(200);
    assert!(
        delivered["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == sent["communication_id"]),
        "{delivered}"
    );

    // The holder revokes: the accountant is refused at once and told by mail.
    let revoked = luc
        .api
        .revoke_mandate(&company.space, &mandate_id)
        .await
        .ok(200);
    assert!(revoked["revoked_at"].is_string(), "{revoked}");
    assert_problem(&marie.api.dossier(&filed).await, 404, "not-found");
    assert_problem(
        &marie
            .api
            .start_dossier(&company.space, "ccss-employee-declaration")
            .await,
        404,
        "not-found",
    );
    assert_eq!(marie.api.employers(&fiduciary).await.ok(200), json!([]));
    let mail = app.smtp.wait_for(&marie.citizen.email, 2).await;
    assert!(mail.body.contains("Boulangerie Lentz"), "{}", mail.body);

    // A revocation code ends the domain's certification and its codes at once.
    let ended = luc
        .api
        .revoke_with_code(&company.space, AFFILIATIONS, &aff_revocation)
        .await
        .ok(200);
    assert_eq!(ended.as_array().unwrap().len(), 1, "{ended}");
    let p = assert_problem(
        &luc.api
            .start_dossier(&company.space, "ccss-employee-declaration")
            .await,
        422,
        "invalid-field",
    );
    assert_eq!(p["reason"], "not-certified");
}
