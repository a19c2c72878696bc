//! The lines of `summary --state X` as read against their sentences: every
//! line of five states' Requests, Deadlines, Extension requests and Money
//! sections, the table `five_state_summaries_line_by_line` compares with.

/// A request line: kind, the state's role, requester, addressee, the sentence's start.
pub(super) type RequestLine = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);
/// A deadline line: first day, kind, the sentence's start.
pub(super) type DeadlineLine = (&'static str, &'static str, &'static str);
/// A money line: kind, donor, recipient, value, currency.
pub(super) type MoneyLine = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    f64,
    &'static str,
);

/// An extension-request line: obligation, original deadline, requested
/// deadline, status, deciding meeting, the document it was read from.
pub(super) type ExtensionLine = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    &'static str,
);

/// Every line of one state's Requests, Deadlines, Extension requests and Money
/// sections, as read.
pub(super) struct Expected {
    pub(super) state: &'static str,
    pub(super) requests: &'static [RequestLine],
    pub(super) deadlines: &'static [DeadlineLine],
    pub(super) extensions: &'static [ExtensionLine],
    pub(super) money: &'static [MoneyLine],
}

/// Read on 2026-12-03 against each line's sentence. Parties left `None` are
/// ones the sentence does not name ("over $20 million in new commitments": no
/// donor named). Pronouns and "the Committee" are read as the discourse
/// resolves them ("It asked Germany": the analysis group of the paragraph).
pub(super) const EXPECTED: &[Expected] = &[
    Expected {
        state: "Japan",
        requests: &[
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("UNMAS"),
                "Japan announced a contribution of JPY 350 millio",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("UNMAS"),
                "She also thanked Japan for a contribution of $6.",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("Cambodia"),
                "Japan | USD 1,200,000 | Cambodia",
            ),
            (
                "request",
                "by",
                Some("Japan"),
                Some("affected States"),
                "Japan encouraged affected States to include clea",
            ),
            // "Japan said that ..., and encouraged affected States": the
            // subject of the verb of saying asks (was listed under Cambodia)
            (
                "request",
                "by",
                Some("Japan"),
                Some("affected States"),
                "Japan said that it had provided approximately US",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                None,
                "Japan said that it had provided approximately US",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("Lao PDR"),
                "Japan said that it had provided approximately US",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                None,
                "The largest contributions received in 2021 were ",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("UN Voluntary Trust Fund"),
                "She reported that the UN Voluntary Trust Fund ha",
            ),
            // heldout11 (session 11): "Japan provided most of its support through
            // UNDP and the HALO Trust (JPY 1.2 billion/$8.5 million); the rest
            // ($1.1 million) went to the GICHD": the bodies named before the
            // bracket receive (the nearest one is named), the rest goes to the GICHD
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("HALO Trust"),
                "Japan provided most of its support through UNDP ",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("HALO Trust"),
                "Japan provided most of its support through UNDP ",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("GICHD"),
                "Japan provided most of its support through UNDP ",
            ),
        ],
        deadlines: &[],
        extensions: &[],
        money: &[
            (
                "contribution",
                Some("Japan"),
                Some("UNMAS"),
                350000000.0,
                "JPY",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("UNMAS"),
                6800000.0,
                "USD",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("Cambodia"),
                1200000.0,
                "USD",
            ),
            ("contribution", Some("Japan"), None, 41000000.0, "USD"),
            (
                "contribution",
                Some("Japan"),
                Some("Lao PDR"),
                1100000000.0,
                "JPY",
            ),
            ("contribution", Some("Japan"), None, 40000.0, "USD"),
            ("contribution", Some("Japan"), None, 2600000000.0, "JPY"),
            (
                "contribution",
                Some("Japan"),
                Some("UN Voluntary Trust Fund"),
                14000000.0,
                "USD",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("HALO Trust"),
                1200000000.0,
                "JPY",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("HALO Trust"),
                8500000.0,
                "USD",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("GICHD"),
                1100000.0,
                "USD",
            ),
        ],
    },
    Expected {
        state: "Germany",
        requests: &[
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                "Ms Oduya thanked the government of Germany for i",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                None,
                "The Conference welcomed the voluntary contributi",
            ),
            (
                "request",
                "to",
                Some("The analysis group"),
                Some("Germany"),
                "It asked Germany to report on progress at the Se",
            ),
            (
                "request",
                "by",
                Some("Germany"),
                Some("other MASG members"),
                "Germany said that it was reviewing the request, ",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("RMACO"),
                "Contributions to the RMACO trust fund were recei",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("UNMAS"),
                "Germany pledged EUR 2 million to the Mine Action",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                None,
                "The largest contributions received in 2021 were ",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                "She reported that the UN Voluntary Trust Fund ha",
            ),
        ],
        deadlines: &[
            (
                "2020-08-01",
                "deadline",
                "Germany's deadline is 1 August 2020.",
            ),
            (
                "2022-11-25",
                "extended to",
                "It requested an extension until 25 November 2022",
            ),
        ],
        extensions: &[
            // "Germany's deadline is 1 August 2020. It requested an extension until 25 November 2022."
            // (Article 4: the only article the document names)
            (
                Some("Article 4"),
                Some("2020-08-01"),
                Some("2022-11-25"),
                "submitted",
                None,
                "corpus/ccm/2019-msp9-article4-extension-requests.txt",
            ),
        ],
        money: &[
            (
                "contribution",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                3500000.0,
                "EUR",
            ),
            ("contribution", Some("Germany"), None, 60000.0, "EUR"),
            (
                "contribution",
                Some("Germany"),
                Some("RMACO"),
                75000.0,
                "EUR",
            ),
            (
                "contribution",
                Some("Germany"),
                Some("UNMAS"),
                2000000.0,
                "EUR",
            ),
            ("contribution", Some("Germany"), None, 75000.0, "EUR"),
            (
                "contribution",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                5000000.0,
                "EUR",
            ),
        ],
    },
    Expected {
        state: "Serbia",
        requests: &[
            (
                "request",
                "to",
                Some("The Meeting"),
                Some("Serbia"),
                "The Meeting requested Serbia to submit an update",
            ),
            // heldout11: "Serbia, whose deadline is 1 March 2025, requested an
            // extension until 1 March 2027."
            (
                "request",
                "by",
                Some("Serbia"),
                None,
                "Serbia, whose deadline is 1 March 2025, requeste",
            ),
        ],
        deadlines: &[
            // (2022, the year the requests were submitted, is no longer listed:
            // rule date-year-of-submission)
            (
                "2023-03-01",
                "deadline",
                "Serbia had an Article 5 deadline of 1 March 2023",
            ),
            (
                "2023-04-30",
                "by",
                "The Meeting requested Serbia to submit an update",
            ),
            (
                "2024-03-01",
                "extended to",
                "The Meeting granted the request of Serbia for an",
            ),
            (
                "2025-03-01",
                "deadline",
                "Serbia, whose deadline is 1 March 2025, requeste",
            ),
            (
                "2027-03-01",
                "extended to",
                "Serbia, whose deadline is 1 March 2025, requeste",
            ),
        ],
        extensions: &[
            // "Serbia had an Article 5 deadline of 1 March 2023. The Meeting granted
            // the request of Serbia for an extension until 1 March 2024."
            (
                Some("Article 5"),
                Some("2023-03-01"),
                Some("2024-03-01"),
                "granted",
                Some("Twentieth Meeting of the States Parties"),
                "rec_apmbc_extensions_2022.txt",
            ),
            (
                Some("Article 5"),
                Some("2025-03-01"),
                Some("2027-03-01"),
                "submitted",
                None,
                "heldout11_masg_open_session_2024.txt",
            ),
        ],
        money: &[],
    },
    Expected {
        state: "Angola",
        requests: &[
            (
                "request",
                "by",
                Some("Angola"),
                Some("States Parties in a position"),
                "In this regard, the Committee noted that Angola ",
            ),
            (
                "request",
                "to",
                Some("Committee on Article 5 Implementation"),
                Some("Angola"),
                "The Committee requested Angola to develop such a",
            ),
            (
                "request",
                "to",
                Some("Committee on Article 5 Implementation"),
                Some("Angola"),
                "In this regard, the Committee requested that Ang",
            ),
            (
                "request",
                "to",
                Some("Committee on Article 5 Implementation"),
                Some("Angola"),
                "The Committee encouraged Angola to report on the",
            ),
            (
                "request",
                "by",
                Some("Angola"),
                None,
                "The Meeting assessed the request submitted by An",
            ),
            (
                "request",
                "to",
                Some("The Meeting"),
                Some("Angola"),
                "The Meeting also urged Angola to seek assistance",
            ),
            (
                "commitment",
                "to",
                Some("United States"),
                Some("Angola"),
                "In 2023, the United States provided USD 6.5 mill",
            ),
            (
                "commitment",
                "to",
                Some("United Kingdom"),
                Some("Angola"),
                "In 2023, the United States provided USD 6.5 mill",
            ),
        ],
        deadlines: &[
            // the profile's box ("Article 5 deadline: 31 December 2025") names
            // no state: they are the profile's own, Angola's (session 11)
            (
                "2025-12-31",
                "deadline",
                "Article 5 deadline: 31 December 2025",
            ),
            (
                "2025-12-31",
                "deadline",
                "Extended deadline: 31 December 2025 (second exte",
            ),
            (
                "2007-01-01",
                "deadline",
                "Article 4 deadline: 1 January 2007 (completed)",
            ),
            (
                "2013-01-01",
                "by",
                "Angola was obliged to destroy or ensure the dest",
            ),
            (
                "2017-04-30",
                "no later than",
                "The Committee requested Angola to develop such a",
            ),
            (
                "2018-01-01",
                "extended to",
                "At the Eleventh Meeting of the States Parties (1",
            ),
            (
                "2020-04-30",
                "by",
                "In this regard, the Committee requested that Ang",
            ),
            (
                "2025-12-31",
                "extended to",
                "The Meeting assessed the request submitted by An",
            ),
            (
                "2025-12-31",
                "extended to",
                "Angola was granted a second extension of its Art",
            ),
            (
                "2025-01-01",
                "deadline",
                "In its extension request Angola committed to rel",
            ),
        ],
        extensions: &[
            // "obliged to destroy ... by 1 January 2013. At the Eleventh Meeting of
            // the States Parties (11MSP) in 2011, the States Parties unanimously
            // agreed to grant Angola an extension until 1 January 2018."
            (
                Some("Article 5"),
                Some("2013-01-01"),
                Some("2018-01-01"),
                "granted",
                Some("Eleventh Meeting of the States Parties"),
                "corpus/apmbc/2015-msp14-article5-extension-angola.txt",
            ),
            // the Fourteenth Meeting's decision: "agreed unanimously to grant the
            // request for an extension until 31 December 2025"
            (
                Some("Article 5"),
                None,
                Some("2025-12-31"),
                "granted",
                Some("Fourteenth Meeting of the States Parties"),
                "corpus/apmbc/2015-msp14-article5-extension-angola.txt",
            ),
            // the profile: "granted a second extension ... until 31 December 2025
            // by the Seventeenth Meeting of the States Parties"
            (
                Some("Article 5"),
                None,
                Some("2025-12-31"),
                "granted",
                Some("Seventeenth Meeting of the States Parties"),
                "rec_monitor_profile_angola.txt",
            ),
        ],
        money: &[
            ("request", None, None, 275000000.0, "USD"),
            ("contribution", Some("Angola"), None, 30000000.0, "USD"),
            (
                "contribution",
                Some("United States"),
                Some("Angola"),
                6500000.0,
                "USD",
            ),
            (
                "contribution",
                Some("United Kingdom"),
                Some("Angola"),
                4000000.0,
                "GBP",
            ),
        ],
    },
    Expected {
        state: "Zimbabwe",
        requests: &[
            (
                "request",
                "by",
                Some("Zimbabwe"),
                None,
                "Mr. Sean MacDonald of the United Nations Develop",
            ),
            (
                "commitment",
                "to",
                None,
                Some("Zimbabwe"),
                "Zimbabwe reported that it had received over $20 ",
            ),
        ],
        deadlines: &[
            (
                "2025-12-31",
                "deadline",
                "Zimbabwe: Zimbabwe's deadline is 31 December 202",
            ),
            (
                "2025-12-31",
                "deadline",
                "Zimbabwe reported that it had received over $20 ",
            ),
            (
                "2025-12-31",
                "extended to",
                "The deadlines of the following States Parties we",
            ),
        ],
        extensions: &[
            // "were extended at earlier meetings, with the new deadline in brackets:
            // ... Zimbabwe (31 December 2025)": no deciding meeting named
            (
                None,
                None,
                Some("2025-12-31"),
                "granted",
                None,
                "rec_apmbc_extensions_2022.txt",
            ),
        ],
        money: &[("contribution", None, Some("Zimbabwe"), 20000000.0, "USD")],
    },
];
