//! HTTP GET for trust lists and online status, with a timeout and a size limit.

use std::time::Duration;

/// Fetches `url` and returns its body if the status is 200 and it is at most `limit` bytes.
pub fn get(url: &str, limit: usize) -> Result<Vec<u8>, String> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(15)))
        .http_status_as_error(false)
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(format!("HTTP status {status}"));
    }
    response
        .body_mut()
        .with_config()
        .limit(u64::try_from(limit).unwrap_or(u64::MAX))
        .read_to_vec()
        .map_err(|e| e.to_string())
}
