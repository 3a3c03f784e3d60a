import Foundation
import OtklikCore

/// Initiatives as CSV, one a line: `id,title,owner,goal_metric,locations,services,budget,start,end,control,problems,themes,journey_stages`.
/// Lists (locations, services, problems, themes, journey stages as `journey/stage`) are separated by `;`; dates are `YYYY-MM-DD` (midnight in the
/// organisation's time zone) or ISO-8601 times; `control` is `region` (default) or `all`.
public enum InitiativeCSV {
    public static let columns = ["id", "title", "owner", "goal_metric", "locations", "services", "budget", "start", "end", "control", "problems", "themes", "journey_stages"]
    public static let required = ["id", "title", "owner", "goal_metric", "locations", "start"]

    public static func parse(_ text: String, timeZone: TimeZone) throws -> [Initiative] {
        let (records, _) = try RecordCSV.parse(text, columns: columns, required: required, skipBad: false) { cells throws(OtklikError) in
            func list(_ name: String) -> [String] {
                (cells[name] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let start = cells["start"] ?? ""
            guard let startDate = Timestamp.parse(start, dateOnlyZone: timeZone) else {
                throw .invalid("start", "start must be a date YYYY-MM-DD or an ISO-8601 time")
            }
            var endDate: Date?
            if let end = cells["end"]?.trimmingCharacters(in: .whitespaces), !end.isEmpty {
                guard let parsed = Timestamp.parse(end, dateOnlyZone: timeZone) else { throw .invalid("end", "end must be a date YYYY-MM-DD or an ISO-8601 time") }
                endDate = parsed
            }
            var budget: Int64 = 0
            if let text = cells["budget"]?.replacingOccurrences(of: " ", with: ""), !text.isEmpty {
                guard let value = Int64(text) else { throw .invalid("budget", "budget is a whole amount, 0 or more") }
                budget = value
            }
            var control = Initiative.Control.region
            if let text = cells["control"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard let value = Initiative.Control(rawValue: text) else { throw .invalid("control", "control must be region or all") }
                control = value
            }
            let initiative = Initiative(
                id: cells["id"] ?? "", title: cells["title"] ?? "", owner: cells["owner"] ?? "", goalMetric: cells["goal_metric"] ?? "",
                locations: list("locations"), services: list("services"), budget: budget, start: startDate, end: endDate, control: control,
                problems: list("problems"), themes: list("themes"), journeyStages: list("journey_stages"))
            try initiative.validate()
            return initiative
        }
        return records.map(\.record)
    }
}
