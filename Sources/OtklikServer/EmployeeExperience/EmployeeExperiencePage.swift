/// `/employee-experience` (`employee-experience.mustache`): attrition by location over a period, and the pulse surveys
/// to staff with their eNPS breakdown under enforced anonymity.
struct EmployeeExperiencePage: Sendable {
    struct AttritionRow: Sendable {
        let name: String
        let opening: Int
        let closing: Int
        let hires: Int
        let leavers: Int
        let average: String
        let rate: String
    }

    struct GroupRow: Sendable {
        let name: String
        let invited: Int
        /// The number of answers, or a dash when hidden.
        let answers: String
        let enps: String
        let interval: String
        /// Why the figure is hidden (a sentence), when it is.
        let hidden: String?
    }

    struct Results: Sendable {
        let rows: [GroupRow]
        /// The total row, when shown.
        let total: GroupRow?
        let totalHidden: String?
        let comments: [String]
        let hasComments: Bool
    }

    /// One line of the employee-customer link: a location's eNPS beside the next month's customer NPS and CSAT.
    struct LinkLine: Sendable {
        let name: String
        let enps: String
        let nps: String
        let csat: String
    }

    struct CustomerLink: Sendable {
        let month: String
        let customerMonth: String
        let lines: [LinkLine]
    }

    struct Survey: Sendable {
        let code: String
        let headingID: String
        let title: String
        let status: String
        let grouping: String
        let minimum: Int
        let invited: Int
        let answered: Int
        let results: Results?
        let customerLink: CustomerLink?
        /// Shown while the survey is open: why no figures yet.
        let openNote: String?
        let startAction: String?
        let linksAction: String?
        let closeAction: String?
    }

    struct Link: Sendable {
        let name: String
        let group: String
        let url: String
    }

    let from: String
    let to: String
    let attrition: [AttritionRow]
    let attritionTotal: AttritionRow
    let hasAttrition: Bool
    let withoutHiringDate: String?
    let surveys: [Survey]
    let hasSurveys: Bool
    let canConfigure: Bool
    /// The links just made (after starting a survey or issuing links again): shown this once.
    let links: [Link]?
    let hasLinks: Bool
    let linksFor: String?
    let error: String?
}
