//! Which catalog message tells the user about forms, files, signatures and dossier statuses.

/// Declares [`ProcText`] with the catalog message of each variant.
macro_rules! proc_texts {
    ($($variant:ident => $id:literal,)*) => {
        /// A message about procedures and dossiers.
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ProcText {
            $($variant,)*
        }

        impl ProcText {
            /// Every text, for the catalog check.
            pub const ALL: &[ProcText] = &[$(Self::$variant),*];

            /// The catalog message (`problem-…`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }
        }
    };
}

proc_texts! {
    TooShort => "problem-too-short",
    Date => "problem-date",
    Number => "problem-number",
    OutOfRange => "problem-out-of-range",
    Choice => "problem-choice",
    YesNo => "problem-yes-no",
    Address => "problem-address",
    Format => "problem-format",
    UnknownField => "problem-unknown-field",
    IllegalTransition => "problem-illegal-transition",
    FileTooLarge => "problem-file-too-large",
    FileType => "problem-file-type",
    DossierSignature => "problem-dossier-signature",
    SignatureCertificateUnknown => "problem-signature-certificate-unknown",
    UploadOffset => "problem-upload-offset",
    UploadDigest => "problem-upload-digest",
    OfflineNotPdf => "problem-offline-form-not-a-pdf",
    OfflineNoFields => "problem-offline-form-no-fields",
    OfflineXfa => "problem-offline-form-xfa",
    OfflineActiveContent => "problem-offline-form-active-content",
    OfflineBinding => "problem-offline-form-binding",
    OfflineOtherProcedure => "problem-offline-form-other-procedure",
    OfflineOtherVersion => "problem-offline-form-other-version",
    OfflineOtherSpace => "problem-offline-form-other-space",
    OfflineOtherDossier => "problem-offline-form-other-dossier",
}
