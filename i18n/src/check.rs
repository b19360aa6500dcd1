//! The catalog check the crates' tests run: every text in every language, with the code's
//! variables, and nothing the code does not ask for.

use std::collections::BTreeSet;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use crate::catalog::split_key;
use crate::{Catalog, Language, Spec, Value};

impl Catalog {
    /// What is wrong with this catalog for the texts `specs`, in words; empty when every
    /// source parsed without error, every key exists in French, German and English, uses
    /// exactly the variables the code passes and formats without error, and no message or
    /// attribute is left that the code never asks for.
    pub fn check(&self, specs: &[Spec<'_>]) -> Vec<String> {
        let mut problems = self.load_errors.clone();
        for lang in Language::ALL {
            for spec in specs {
                problems.extend(self.check_one(lang, spec));
            }
            let resource = FluentResource::try_new(self.source(lang).to_owned())
                .unwrap_or_else(|(resource, _)| resource);
            let asked: BTreeSet<&str> = specs.iter().map(|s| s.key).collect();
            for key in keys(&resource) {
                if !asked.contains(key.as_str()) {
                    problems.push(format!(
                        "{}: `{key}` is in the catalog but the code never asks for it",
                        lang.code()
                    ));
                }
            }
        }
        problems
    }

    /// The problems of one text in one language.
    fn check_one(&self, lang: Language, spec: &Spec<'_>) -> Vec<String> {
        let code = lang.code();
        let key = spec.key;
        let (id, attribute) = split_key(key);
        let Some(message) = self.bundle(lang).get_message(id) else {
            return vec![format!("{code}: `{key}` is missing")];
        };
        let pattern = match attribute {
            Some(name) => message.get_attribute(name).map(|a| a.value()),
            None => message.value(),
        };
        let Some(pattern) = pattern else {
            return vec![format!(
                "{code}: `{key}` is missing (the message has no such part)"
            )];
        };
        let mut problems = Vec::new();
        let mut used = BTreeSet::new();
        variables(pattern, &mut used);
        let passed: BTreeSet<&str> = spec.variables.iter().copied().collect();
        for name in used.difference(&passed) {
            problems.push(format!(
                "{code}: `{key}` shows ${name}, which the code does not pass"
            ));
        }
        for name in passed.difference(&used) {
            problems.push(format!(
                "{code}: `{key}` does not show ${name}, which the code passes"
            ));
        }
        let mut args = fluent_bundle::FluentArgs::new();
        for name in spec.variables {
            args.set(*name, Value::from("x"));
        }
        let mut errors = Vec::new();
        let _ = self
            .bundle(lang)
            .format_pattern(pattern, Some(&args), &mut errors);
        for e in errors {
            problems.push(format!("{code}: `{key}` does not format: {e}"));
        }
        problems
    }
}

/// Every key a resource defines: `id` for a message's value, `id.attribute` for each
/// attribute. Terms (`-name`) are the catalog's own and are not listed.
fn keys(resource: &FluentResource) -> Vec<String> {
    let mut keys = Vec::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(message) = entry {
            let id = message.id.name;
            if message.value.is_some() {
                keys.push(id.to_owned());
            }
            for attribute in &message.attributes {
                keys.push(format!("{id}.{}", attribute.id.name));
            }
        }
    }
    keys
}

/// Adds the variables `pattern` shows (in text, selectors and variants) to `out`.
fn variables<'s>(pattern: &ast::Pattern<&'s str>, out: &mut BTreeSet<&'s str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables<'s>(expression: &ast::Expression<&'s str>, out: &mut BTreeSet<&'s str>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables<'s>(inline: &ast::InlineExpression<&'s str>, out: &mut BTreeSet<&'s str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name);
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. }
        | ast::InlineExpression::MessageReference { .. }
        | ast::InlineExpression::TermReference { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sources;

    const SPECS: &[Spec<'static>] = &[
        Spec {
            key: "hello",
            variables: &["name"],
        },
        Spec {
            key: "notice.subject",
            variables: &[],
        },
    ];

    fn catalog(fr: &'static str, de: &'static str, en: &'static str) -> Catalog {
        Catalog::new(Sources { fr, de, en })
    }

    const FR: &str = "hello = Bonjour { $name }\nnotice =\n    .subject = Avis\n";
    const DE: &str = "hello = Hallo { $name }\nnotice =\n    .subject = Hinweis\n";
    const EN: &str = "hello = Hello { $name }\nnotice =\n    .subject = Notice\n";

    #[test]
    fn a_complete_catalog_passes_and_formats_without_isolation_marks() {
        let catalog = catalog(FR, DE, EN);
        assert_eq!(catalog.check(SPECS), Vec::<String>::new());
        let args = [("name", Value::from("Marie"))];
        assert_eq!(catalog.format(Language::De, "hello", &args), "Hallo Marie");
        assert_eq!(
            catalog.format(Language::En, "notice.subject", &[]),
            "Notice"
        );
    }

    #[test]
    fn a_text_missing_in_one_language_is_reported() {
        let catalog = catalog(FR, "hello = Hallo { $name }\n", EN);
        assert_eq!(catalog.check(SPECS), ["de: `notice.subject` is missing"]);
        assert_eq!(
            catalog.format(Language::De, "notice.subject", &[]),
            "notice.subject"
        );
    }

    #[test]
    fn a_missing_attribute_is_reported() {
        let catalog = catalog(FR, "hello = Hallo { $name }\nnotice = Hinweis\n", EN);
        let problems = catalog.check(SPECS);
        assert!(
            problems
                .contains(&"de: `notice.subject` is missing (the message has no such part)".into()),
            "{problems:?}"
        );
        assert!(
            problems
                .contains(&"de: `notice` is in the catalog but the code never asks for it".into()),
            "{problems:?}"
        );
    }

    #[test]
    fn a_variable_the_code_does_not_pass_or_a_variable_not_shown_is_reported() {
        let fr = "hello = Bonjour { $nom }\nnotice =\n    .subject = Avis\n";
        let problems = catalog(fr, DE, EN).check(SPECS);
        assert_eq!(
            problems,
            [
                "fr: `hello` shows $nom, which the code does not pass",
                "fr: `hello` does not show $name, which the code passes",
                "fr: `hello` does not format: Resolver error: Unknown variable: $nom",
            ],
        );
    }

    #[test]
    fn a_variable_used_only_in_a_plural_variant_counts() {
        let en = "hello = { $name ->\n    [one] one { $name }\n   *[other] many\n}\nnotice =\n    .subject = Notice\n";
        assert_eq!(catalog(FR, DE, en).check(SPECS), Vec::<String>::new());
    }

    #[test]
    fn a_syntax_error_a_duplicate_and_an_unknown_term_are_reported() {
        let fr = "hello = Bonjour { $name }\nnotice =\n    .subject = Avis\nbroken = { oops\n";
        let de = "hello = Hallo { $name }\nhello = Hallo\nnotice =\n    .subject = Hinweis\n";
        let en = "hello = Hello { $name }\nnotice =\n    .subject = { -brand } notice\n";
        let problems = catalog(fr, de, en).check(SPECS);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("fr.ftl line 4: "), "{problems:?}");
        assert!(problems[1].starts_with("de.ftl: "), "{problems:?}");
        assert!(
            problems[2].starts_with("en: `notice.subject` does not format: "),
            "{problems:?}"
        );
    }

    #[test]
    fn english_plural_forms_follow_the_count() {
        let en = "hello = { $name ->\n    [one] entry\n   *[other] entries\n}\nnotice =\n    .subject = Notice\n";
        let catalog = catalog(FR, DE, en);
        let entries = |n: i64| {
            catalog
                .format(Language::En, "hello", &[("name", Value::from(n))])
                .into_owned()
        };
        assert_eq!(
            [entries(0), entries(1), entries(2)],
            ["entries", "entry", "entries"]
        );
    }
}
