//! Who reaches the back office: only configured agents sign in to it, each sees only the
//! dossiers sent to their administration, and a person's token opens none of it (the refusal of
//! every operation naming an id, by everyone else, is `refusals`).

use guichet_tests::{Agent, Citizen, Person, TestApp, assert_problem, dossier::ccss_agent};

#[tokio::test]
async fn an_administration_lists_only_the_dossiers_sent_to_it() {
    let app = TestApp::spawn().await;
    let marie = Person::marie(&app).await;
    marie.add_signature_certificate(&app).await;
    let id = marie.transmit_criminal_record().await;
    let justice = Agent::justice(&app).await;
    let ccss = Agent::ccss(&app).await;
    let jean_claude = Person::jean_claude(&app).await;

    let theirs = justice.api.work_list().await.ok(200);
    assert_eq!(theirs[0]["id"], id.as_str(), "{theirs}");
    let others = ccss.api.work_list().await.ok(200);
    assert_eq!(others.as_array().unwrap().len(), 0, "{others}");
    // A person's token is no back-office token, the holder's included.
    for person in [&marie, &jean_claude] {
        assert_problem(&person.api.work_list().await, 401, "unauthenticated");
    }
    // And the dossier is as it was.
    let d = marie.api.dossier(&id).await.ok(200);
    assert_eq!(d["status"], "transmitted");
}

#[tokio::test]
async fn only_configured_agents_sign_in_to_the_back_office() {
    let app = TestApp::spawn().await;
    let jc = Citizen::jean_claude();
    jc.register(&app).await;
    let body = jc.signed_challenge(&app).await;
    let resp = app.client().backoffice_sign_in(body).await;
    assert_problem(&resp, 401, "unauthenticated");
    // An agent's token opens no citizen endpoint.
    let agent = Agent::sign_in(&app, ccss_agent()).await;
    assert_problem(&agent.api.me().await, 401, "unauthenticated");
}
