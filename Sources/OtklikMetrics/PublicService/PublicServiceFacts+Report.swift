import OtklikCore

/// The parts of a public-service report both engines (``PublicServiceFacts``, ``ReferencePublicServiceFacts``) share:
/// its notes and its assembly from group tallies.
extension PublicServiceFacts {
    /// The notes of `email_answered`: the e-mails left out as still within their term, the calendar's exceptions.
    static func emailNotes(pending: Int, calendar: WorkingCalendar) -> [String] {
        ["unanswered e-mails still within their term, left out: \(pending)",
         "calendar exceptions (holidays and transferred working days) known: \(calendar.exceptionCount)"]
    }

    /// The notes of a request-based KPI: that no request is held (`held` 0), and the completed requests without a
    /// cost `cost_per_service` left out.
    static func requestNotes(_ kind: PublicServiceKPI.Kind, held: Int, withoutCost: Int) -> [String] {
        var notes: [String] = []
        if held == 0 {
            notes.append("no service requests are stored: import them with `otklik import requests` or POST /api/v1/requests")
        }
        if kind == .costPerService { notes.append("completed requests without a recorded cost, left out: \(withoutCost)") }
        return notes
    }

    /// The report of the groups' and the overall tallies, groups in the order of their labels.
    static func report<Users: DistinctUsers>(
        _ kpi: PublicServiceKPI, _ query: ProcessQuery, minimumN: Int, groups: [[String]: CountTally<Users>], overall: CountTally<Users>,
        notes: [String]
    ) -> MetricReport {
        let names = query.dimensions.map(\.rawValue)
        return MetricReport(
            metric: kpi.kind.rawValue, name: kpi.name, definition: kpi.definition, minimumN: minimumN, dimensions: names,
            groups: groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, tally in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, key)), value: tally.evaluate(kpi.kind, minimumN: minimumN))
            },
            overall: overall.evaluate(kpi.kind, minimumN: minimumN), notes: notes)
    }
}
