/// The dashboard (`/`, `dashboard.mustache`): KPIs with intervals, trends, alerts, weak links, the process panel and
/// tables by slice; or, when the period entered is wrong, the form alone with `error` (``DashboardBuilder``).
struct DashboardPage: Sendable {
    var heading: String
    var from: String
    var to: String
    var selects: [Select] = []
    var presets: [Preset] = []
    var hasPresets = false
    var previousPeriod: String?
    /// "The period ends at the last data, 22 Nov 2026.": no period was asked for and the feedback ends before today
    /// (as on the KPI pages).
    var dataEnd: String?
    var kpis: [KPI] = []
    var hasData = false
    var minimumNote: String?
    var bucketLabel: String?
    var trends: [Trend] = []
    var npsSample: NPSSample?
    var weakLinks: [WeakLink] = []
    var hasWeakLinks = false
    var alerts: [Alert] = []
    var hasAlerts = false
    /// Overdue cases, new problems, KPIs below target: what to act on, each with its link.
    var actions: [ActionAlert] = []
    /// Best and worst locations by NPS and CSAT (network-wide dashboards only).
    var rankings: [LocationRanking] = []
    var hasRankings = false
    var definitions: [[String: String]] = []
    var tables: [MetricTable] = []
    /// Set on a location's dashboard: back to the whole network.
    var backLink: String?
    /// The contact-centre panel, on the network-wide dashboard when there are calls.
    var process: ProcessPanel?
    /// What is wrong with the period entered, and the field to fix.
    var error: String?
    var errorField: String?
    /// The chosen segment's size and membership date (under the heading); nil without a segment.
    var segmentLine: String?
    /// Why no figure is shown: the chosen segment is under the minimum size.
    var withheld: String?

    /// A period preset: a link that keeps the other filters; `current` when it is the period shown.
    struct Preset: Sendable {
        let label: String
        let href: String
        var current: Bool
    }

    /// A filter's drop-down.
    struct Select: Sendable {
        let name: String
        let label: String
        let options: [Option]
        /// The first option's label when it is not "All": "All of mine" for a user limited to some locations.
        var allLabel: String?

        struct Option: Sendable {
            let code: String
            let label: String
            let selected: Bool
        }
    }

    /// A KPI card: the value with its interval and n, the change against the previous period and the target.
    struct KPI: Sendable {
        let label: String
        let value: String
        let isNPS: Bool
        let ci: String
        let n: Int
        let insufficient: Bool
        let absent: Bool
        /// "of 7" for CES.
        let scale: String?
        var change: PeriodChangeNote?
        var target: TargetNote?
        /// The period's daily or weekly values as inline SVG (rendered unescaped), its label the same in words.
        var sparkline: String?
    }

    /// A metric's trend: its title and the SVG chart (rendered unescaped).
    struct Trend: Sendable {
        let title: String
        let chart: String
    }

    /// A location whose NPS stepped down (``NPSAlertFinder``).
    struct Alert: Sendable {
        let name: String
        let link: String
        let text: String
    }

    /// A weak link: who, where, on which metric, the value with n and interval, the peers' value, the gap and q.
    struct WeakLink: Sendable {
        let dimension: String
        let code: String
        let metricId: String
        let kind: String
        let name: String
        let metric: String
        let value: String
        let n: Int
        let ci: String
        let overall: String
        let peerN: Int
        let peers: String
        let gap: String
        let q: String
        /// A staff member's location, its name and the link to its dashboard.
        var location: String?
        var locationName: String?
        var link: String?
    }
}
