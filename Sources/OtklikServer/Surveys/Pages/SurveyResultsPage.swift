/// One survey's results (`/surveys/{code}`, `survey-results.mustache`): response rates, the change against a
/// baseline period, NPS under each assumption about non-responders, questions, factors with the importance-performance
/// matrix, Kano, SERVQUAL and the open answers — each figure with its n and interval.
struct SurveyResultsPage: Sendable {
    let code: String
    let title: String
    /// A feedback survey, not a measurement.
    let feedback: Bool
    let purpose: String
    /// The verdict on the response rate, or the note that nothing was sent.
    let label: String
    let outcomes: [Outcome]
    let total: Int
    let rr1: String
    let rr2: String
    let target: String
    let below: Bool
    /// RR1 against the `response_rate` KPI target (``ResponseRateTarget``) and RR1's Wilson 95 % interval, when one applies.
    var kpiTarget: TargetNote?
    var rr1Interval: String?
    let csv: String
    let maxQuestions: Int
    let questionCount: Int
    let k: String
    let notes: [String]
    var nps: NPS?
    var questions: [Question] = []
    var factors: [Factor] = []
    var hasFactors = false
    var csi: CSI?
    var drivers: Drivers?
    var ipmChart: String?
    var hasIpm = false
    var ipmStated = false
    var kano: [Kano] = []
    var hasKano = false
    var servqual: Servqual?
    var change: Change?
    /// The figures by stratum of a stratified plan (``SurveyResults/StratumResult``).
    var strata: Strata?
    // The filter form.
    var locationOptions: [SelectOption] = []
    var from = ""
    var to = ""
    var compareFrom = ""
    var compareTo = ""
    var compared = false
    var filtered = false
    /// "The period ends at the last data, …" when the default period ends before today.
    var dataEnd: String?
    /// The default period in words, when no period was asked for.
    var defaultPeriod: String?
    var openAnswers: [OpenAnswers] = []
    var hasOpenAnswers = false
    /// The theme filter of the open answers: every theme found, with its count.
    var openThemes: [SelectOption] = []
    var openTheme = ""
    /// The day the survey was closed; nil while open.
    var closedOn: String?
    /// The reader may edit and close the survey (not a viewer).
    var canManage = false
    /// A feedback survey's public link, QR code and embed snippet (none for a measurement or a closed survey).
    var distribution: Distribution?
    var measurement = false

    /// "Send invitations" to a pasted list, with the survey's delivery counts (for managers, while open).
    var send: Send?

    struct Send: Sendable {
        /// The list as typed (kept when it has an error).
        var contacts = ""
        var lang = ""
        var languages: [SelectOption] = []
        /// The segments whose members can be invited, and the one just chosen.
        var segments: [SelectOption] = []
        var hasSegments = false
        var segment = ""
        var error: String?
        /// What became of the list just sent.
        var result: String?
        /// Invitation messages queued or being retried, delivered, given up.
        var pending = 0
        var sent = 0
        var failed = 0
    }

    struct Distribution: Sendable {
        let link: String
        /// The QR code's image address.
        let qr: String
        /// An `<iframe>` to paste into the organisation's site.
        let embed: String
    }

    /// A figure as shown: value, n (with n_eff for a weighted one) and interval.
    struct Figure: Sendable {
        let value: String
        let n: String
        let ci: String
    }

    struct Outcome: Sendable {
        let label: String
        let count: Int
    }

    struct NPS: Sendable {
        let rows: [Row]
        let responseRate: String
        let promoters: Int
        let passives: Int
        let detractors: Int

        /// NPS under one assumption about the non-responders.
        struct Row: Sendable {
            let label: String
            let figure: Figure
        }
    }

    struct Question: Sendable {
        let code: String
        let text: String
        let type: String
        let shown: Int
        let answered: Int
        let mean: Figure
        let headline: Figure
        let hasHeadline: Bool
        let integral: Bool
    }

    struct Factor: Sendable {
        let factor: String
        let factorCode: String
        let items: String
        let satisfaction: Figure
        let score: String
        let share: String
        let stated: Figure
        let correlation: String
        let quadrant: String
    }

    struct CSI: Sendable {
        let value: String
        let n: Int
        let ci: String
        let weights: String
    }

    struct Drivers: Sendable {
        let r2: String
        let target: String
        let minimumPairN: Int
        let method: String
    }

    struct Kano: Sendable {
        let code: String
        let text: String
        let n: Int
        /// "A / O / M / I / R / Q" counts.
        let counts: String
        let category: String
        let better: String
        let worse: String
    }

    struct Servqual: Sendable {
        let dimensions: [Dimension]
        let overall: String

        struct Dimension: Sendable {
            let dimension: String
            let gap: Figure
            let items: String
        }
    }

    /// By stratum: each stratum's invitations, response rate, the eligible interactions its invitations stand for and
    /// its share, the integral question's figure, and its design-weighted NPS where the weights within it differ.
    struct Strata: Sendable {
        /// What the table shows, naming the stratum variables in words ("segment × location").
        let intro: String
        /// The integral question's figure, e.g. "NPS".
        let figure: String
        let rows: [Row]
        let hasWeights: Bool
        /// Who falls in which segment, when the plan stratifies by segment.
        let segmentRule: String?

        struct Row: Sendable {
            let label: String
            let code: String
            let invitations: Int
            let respondents: Int
            let rate: Figure
            let eligible: String
            let share: String
            let integral: Figure
            let weighted: String
        }
    }

    /// The headline figure now against the baseline period, with the difference's interval and p.
    struct Change: Sendable {
        let figure: String
        let baseline: Figure
        let current: Figure
        let difference: String
        let ci: String
        let p: String
        let verdict: String
    }

    /// An open question's answers, longest first, a page of them (``SurveyOpenAnswers``).
    struct OpenAnswers: Sendable {
        let code: String
        let text: String
        /// Answers kept by the theme filter, and all of them.
        let count: Int
        let total: Int
        /// "3 of 25 answers" in words.
        let counted: String
        let hasAnswers: Bool
        let answers: [OpenAnswer]
        /// "Page 2 of 5".
        let page: String
        let paged: Bool
        let previous: String?
        let next: String?
    }

    /// One open answer with its sentiment and themes.
    struct OpenAnswer: Sendable {
        let text: String
        let sentiment: String
        /// `sentiment-negative` etc.
        let sentimentClass: String
        let themes: String
        let hasThemes: Bool
    }
}
