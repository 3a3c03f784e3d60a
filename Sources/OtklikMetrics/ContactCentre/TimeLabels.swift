/// Hour, day, week and month labels of a report, each formatted once per distinct value.
struct TimeLabels {
    var days: [Int32: String] = [:]
    var weeks: [Int32: String] = [:]
    var months: [Int32: String] = [:]

    /// The label of a time dimension for a local day and hour; "" for other dimensions.
    mutating func label(_ dimension: CallDimension, day: Int32, hour: Int8) -> String {
        switch dimension {
        case .hour:
            return hour < 10 ? "0\(hour)" : "\(hour)"
        case .day:
            if let label = days[day] { return label }
            let label = LocalCalendar.label(day: day)
            days[day] = label
            return label
        case .week:
            if let label = weeks[day] { return label }
            let label = LocalCalendar.label(day: LocalCalendar.weekStart(of: day))
            weeks[day] = label
            return label
        case .month:
            if let label = months[day] { return label }
            let label = LocalCalendar.label(monthIndex: LocalCalendar.monthIndex(of: day))
            months[day] = label
            return label
        default:
            return ""
        }
    }
}
