//! The offline route: each procedure's fillable form is downloaded, filled by an independent
//! tool (pypdf), uploaded, then signed and transmitted as online; invalid values, changed
//! register fields, and forms that do not belong or are not plain forms are answered clearly.

mod domains;
mod tools;

use guichet_tests::{Person, TestApp, assert_problem, dossier::pdf, repo_path};
use serde_json::{Value, json};
use std::process::Command;
use tools::{fields, fill, peer, pypdf, python, qpdf_accepts, render, typed};

async fn form(person: &Person, procedure: &str, lang: &str) -> Vec<u8> {
    let resp = person
        .api
        .offline_form(&person.space, procedure, Some(lang))
        .await
        .expect(200);
    assert_eq!(resp.header("content-type"), Some("application/pdf"));
    assert!(
        resp.header("content-disposition")
            .is_some_and(|d| d.contains(&format!("{procedure}-v"))),
        "{:?}",
        resp.header("content-disposition")
    );
    qpdf_accepts(&resp.body, procedure);
    resp.body
}

#[tokio::test]
async fn every_procedure_s_form_is_filled_by_pypdf_uploaded_signed_and_transmitted() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let catalog = app.client().procedures().await.ok(200);
    // A domain's procedures (the social security centre's) need a certified professional space:
    // `every_domain_procedure_s_form_…` files them.
    let procedures: Vec<(String, bool)> = catalog
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["domain"].is_null())
        .map(|p| {
            let id = p["id"].as_str().unwrap().to_string();
            (id, p["signature_required"].as_bool().unwrap())
        })
        .collect();
    assert_eq!(procedures.len(), 5);
    let languages = ["fr", "de", "en"];
    let mut forms = Vec::new();
    for (i, (procedure, _)) in procedures.iter().enumerate() {
        forms.push(form(&marie, procedure, languages[i % 3]).await);
    }
    if !pypdf() {
        return;
    }
    for ((procedure, signature_required), blank) in procedures.iter().zip(&forms) {
        // Arrange: the form as pypdf fills it.
        let before = fields(blank);
        assert_eq!(
            before["family_name"]
                .as_str()
                .or(before["filer_family_name"].as_str()),
            Some("Schmit"),
            "{procedure}: {before}"
        );
        let filled = fill(blank, &typed(procedure));
        qpdf_accepts(&filled, &format!("{procedure}-filled"));

        // Act: upload, attach what the form cannot hold, sign, transmit.
        let taken = marie
            .api
            .upload_offline_form(&marie.space, procedure, filled)
            .await
            .ok(201);
        let d = &taken["dossier"];
        let id = d["id"].as_str().unwrap();
        assert_eq!(taken["restored_fields"], json!([]), "{procedure}");
        assert_eq!(d["status"], "draft");
        assert_eq!(d["procedure_id"], procedure.as_str());
        for (field, value) in typed(procedure).as_object().unwrap() {
            let stored = match field.split_once('.') {
                Some((group, part)) => d["data"][group][part].clone(),
                None => d["data"][field].clone(),
            };
            let expected = match value.as_str().unwrap() {
                "/Yes" => json!(true),
                "/Off" => json!(false),
                s if s.parse::<f64>().is_ok()
                    && !field.contains("number")
                    && !field.contains("matricule")
                    && field != "bulletin" =>
                {
                    json!(s.parse::<f64>().unwrap())
                }
                s => json!(s),
            };
            assert_eq!(stored, expected, "{procedure} {field}: {d}");
        }
        let validation = marie.api.validation(id).await.ok(200);
        for e in validation["errors"].as_array().unwrap() {
            let field = e["field"].as_str().unwrap();
            assert_eq!(e["reason"], "required", "{procedure}: {validation}");
            marie
                .api
                .attach(id, field, "application/pdf", pdf(2000))
                .await
                .expect(201);
        }
        if *signature_required {
            marie.sign(id, None).await.expect(200);
        }
        let sent = marie.api.transmit(id).await.ok(200);

        // Assert: transmitted (an automatic procedure is answered at once).
        assert!(
            ["transmitted", "closed"].contains(&sent["status"].as_str().unwrap()),
            "{procedure}: {sent}"
        );
        assert_eq!(sent["channel"], "online");
    }
}

#[tokio::test]
async fn a_form_opens_in_poppler_with_its_labels_and_prefilled_register_values() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let blank = form(&marie, "criminal-record-extract", "fr").await;
    let Some(png) = render(&blank, "criminal-record-extract-fr") else {
        return;
    };
    let image = std::fs::read(&png).unwrap();
    assert!(image.starts_with(b"\x89PNG"), "{}", png.display());
    let text = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.pdf");
        std::fs::write(&path, &blank).unwrap();
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for expected in [
        "Demande d'extrait du casier judiciaire",
        "Les champs marqués d'un * sont obligatoires.",
        "Matricule *",
        "AAAA-MM-JJ",
        "À joindre sur le guichet",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    if pypdf() {
        let f = fields(&blank);
        assert_eq!(f["matricule"], "1984031204237", "{f}");
        assert_eq!(
            f["address.locality"].as_str().map(str::is_empty),
            Some(false),
            "{f}"
        );
    }
}

#[tokio::test]
async fn an_invalid_value_is_answered_with_the_field_s_error_in_the_person_s_language() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let blank = form(&marie, "change-of-address", "de").await;
    if !pypdf() {
        return;
    }
    let mut values = typed("change-of-address");
    values["household_size"] = json!("99");
    let resp = marie
        .api
        .in_language("de")
        .upload_offline_form(&marie.space, "change-of-address", fill(&blank, &values))
        .await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("household_size"), Some("out-of-range")),
        "{p}"
    );
    assert!(
        p["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| c.is_alphabetic())
    );
    let english = marie
        .api
        .in_language("en")
        .upload_offline_form(&marie.space, "change-of-address", fill(&blank, &values))
        .await;
    assert_ne!(
        english.problem()["detail"],
        p["detail"],
        "the detail is in the person's language"
    );

    values["household_size"] = json!("2");
    values["moving_date"] = json!("01.12.2026");
    let resp = marie
        .api
        .upload_offline_form(&marie.space, "change-of-address", fill(&blank, &values))
        .await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("moving_date"), Some("date"))
    );

    values["moving_date"] = json!("2026-12-01");
    values["new_address.postcode"] = json!("");
    let resp = marie
        .api
        .upload_offline_form(&marie.space, "change-of-address", fill(&blank, &values))
        .await;
    let p = assert_problem(&resp, 422, "invalid-field");
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("new_address"), Some("address"))
    );

    // Nothing was started.
    let dashboard = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dashboard["total"], 0, "{dashboard}");
}

#[tokio::test]
async fn a_changed_register_field_is_put_back_and_reported_and_a_retry_starts_nothing_new() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let blank = form(&marie, "change-of-address", "fr").await;
    if !pypdf() {
        return;
    }
    let mut values = typed("change-of-address");
    values["family_name"] = json!("Autre");
    values["current_address.street"] = json!("rue Inventée");
    let filled = fill(&blank, &values);
    let once = marie.api.idempotent(Some("offline-1"));
    let taken = once
        .upload_offline_form(&marie.space, "change-of-address", filled.clone())
        .await
        .ok(201);
    // A retry with the same idempotency key answers the same dossier and starts no other.
    let again = once
        .upload_offline_form(&marie.space, "change-of-address", filled)
        .await
        .ok(200);
    assert_eq!(again["dossier"]["id"], taken["dossier"]["id"]);
    let dashboard = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dashboard["total"], 1, "{dashboard}");
    assert_eq!(
        taken["restored_fields"],
        json!(["family_name", "current_address"])
    );
    let data = &taken["dossier"]["data"];
    assert_eq!(data["family_name"], "Schmit");
    assert_ne!(data["current_address"]["street"], "rue Inventée");
}

#[tokio::test]
async fn a_draft_s_form_shows_its_values_and_updates_only_that_draft() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let d = marie
        .api
        .start_dossier(&marie.space, "change-of-address")
        .await
        .ok(201);
    let id = d["id"].as_str().unwrap();
    marie
        .api
        .fill_step(id, "move", json!({"values": {"household_size": 3}}))
        .await
        .ok(200);
    let resp = marie.api.draft_form(id, Some("en")).await.expect(200);
    qpdf_accepts(&resp.body, "draft");
    let blank = form(&marie, "change-of-address", "en").await;
    if !pypdf() {
        return;
    }
    assert_eq!(fields(&resp.body)["household_size"], "3");
    let mut values = typed("change-of-address");
    values["household_size"] = json!("4");
    let filled = fill(&resp.body, &values);
    let taken = marie
        .api
        .upload_draft_form(id, filled.clone())
        .await
        .ok(200);
    assert_eq!(taken["dossier"]["id"], id);
    assert_eq!(taken["dossier"]["data"]["household_size"], 4.0);

    // A new dossier's form does not update a draft, nor a draft's form start a new dossier.
    let p = assert_problem(
        &marie.api.upload_draft_form(id, fill(&blank, &values)).await,
        422,
        "offline-form-refused",
    );
    assert_eq!(
        (p["field"].as_str(), p["reason"].as_str()),
        (Some("form"), Some("other-dossier"))
    );
    let resp = marie
        .api
        .upload_offline_form(&marie.space, "change-of-address", filled)
        .await;
    assert_eq!(
        assert_problem(&resp, 422, "offline-form-refused")["reason"],
        "other-dossier"
    );
}

#[tokio::test]
async fn forms_of_another_procedure_version_or_space_and_forged_bindings_are_refused() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    let jean_claude = Person::jean_claude(&app).await;
    let blank = form(&marie, "change-of-address", "fr").await;
    let refused = |resp: &guichet_tests::Resp, reason: &str| {
        let p = assert_problem(resp, 422, "offline-form-refused");
        assert_eq!(
            (p["field"].as_str(), p["reason"].as_str()),
            (Some("form"), Some(reason)),
            "{p}"
        );
    };
    if !pypdf() {
        return;
    }
    let filled = fill(&blank, &typed("change-of-address"));

    let resp = marie
        .api
        .upload_offline_form(&marie.space, "criminal-record-extract", filled.clone())
        .await;
    refused(&resp, "other-procedure");

    let his = form(&jean_claude, "change-of-address", "fr").await;
    let resp = marie
        .api
        .upload_offline_form(
            &marie.space,
            "change-of-address",
            fill(&his, &typed("change-of-address")),
        )
        .await;
    refused(&resp, "other-space");

    let binding = fields(&filled)["guichet_binding"]
        .as_str()
        .unwrap()
        .to_string();
    let forged = binding.replace(&marie.space, &jean_claude.space);
    assert_ne!(forged, binding);
    let resp = marie
        .api
        .upload_offline_form(
            &jean_claude.space,
            "change-of-address",
            fill(&filled, &json!({"guichet_binding": forged})),
        )
        .await;
    assert_problem(&resp, 404, "not-found");
    let resp = jean_claude
        .api
        .upload_offline_form(
            &jean_claude.space,
            "change-of-address",
            fill(&filled, &json!({"guichet_binding": forged})),
        )
        .await;
    refused(&resp, "binding");
    let unbound = python(
        &filled,
        "w = PdfWriter(clone_from=PdfReader(src))\n\
         fields = w._root_object['/AcroForm']['/Fields']\n\
         keep = [f for f in fields if f.get_object().get('/T') != 'guichet_binding']\n\
         w._root_object['/AcroForm'][NameObject('/Fields')] = type(fields)(keep)\n\
         w.write(dst)\n",
        &Value::Null,
    );
    refused(
        &marie
            .api
            .upload_offline_form(&marie.space, "change-of-address", unbound)
            .await,
        "binding",
    );

    // A new version is published: a form of the former one is out of date.
    let mut next: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("fixtures/procedures/change-of-address.v1.json"))
            .unwrap(),
    )
    .unwrap();
    next["version"] = json!(2);
    guichet::service::catalog::publish(&app.ctx.db, &next.to_string(), app.ctx.now())
        .await
        .unwrap();
    let resp = marie
        .api
        .upload_offline_form(&marie.space, "change-of-address", filled)
        .await;
    refused(&resp, "other-version");

    let dashboard = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert_eq!(dashboard["total"], 0, "{dashboard}");
}

#[tokio::test]
async fn pdfs_that_are_not_plain_forms_or_too_large_are_refused_and_change_nothing() {
    let app = TestApp::spawn_with(|c| c.offline_forms.max_bytes = 200_000).await;
    let marie = Person::marie(&app).await;
    let blank = form(&marie, "change-of-address", "fr").await;
    let refused = |resp: &guichet_tests::Resp, reason: &str| {
        let p = assert_problem(resp, 422, "offline-form-refused");
        assert_eq!(
            (p["field"].as_str(), p["reason"].as_str()),
            (Some("form"), Some(reason)),
            "{p}"
        );
    };
    let upload = |bytes: Vec<u8>| {
        marie
            .api
            .upload_offline_form(&marie.space, "change-of-address", bytes)
    };

    refused(
        &upload(b"PK\x03\x04 a zip file".to_vec()).await,
        "not-a-pdf",
    );
    refused(&upload(pdf(3000)).await, "not-a-pdf");
    let p = assert_problem(&upload(pdf(200_001)).await, 413, "file-too-large");
    assert_eq!(p["field"], "form");

    if peer("pdftocairo", &["-v"]) {
        let dir = tempfile::tempdir().unwrap();
        let (src, dst) = (dir.path().join("in.pdf"), dir.path().join("printed.pdf"));
        std::fs::write(&src, &blank).unwrap();
        let status = Command::new("pdftocairo")
            .arg("-pdf")
            .arg(&src)
            .arg(&dst)
            .status()
            .unwrap();
        assert!(status.success());
        refused(&upload(std::fs::read(dst).unwrap()).await, "no-fields");
    }
    if pypdf() {
        let filled = fill(&blank, &typed("change-of-address"));
        let xfa = python(
            &filled,
            "w = PdfWriter(clone_from=PdfReader(src))\n\
             w._root_object['/AcroForm'][NameObject('/XFA')] = TextStringObject('<xdp:xdp/>')\n\
             w.write(dst)\n",
            &Value::Null,
        );
        refused(&upload(xfa).await, "xfa");
        let script = python(
            &filled,
            "w = PdfWriter(clone_from=PdfReader(src))\nw.add_js('app.alert(1)')\nw.write(dst)\n",
            &Value::Null,
        );
        refused(&upload(script).await, "active-content");
        // The same form without the script is taken.
        upload(filled).await.expect(201);
    }
    let dashboard = marie.api.space_dossiers(&marie.space).await.ok(200);
    assert!(dashboard["total"].as_u64().unwrap() <= 1, "{dashboard}");
}
