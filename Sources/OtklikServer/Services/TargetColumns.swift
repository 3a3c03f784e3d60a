import OtklikMetrics

/// A row's target and verdict as the downloads write them (the KPI pages' CSV tables, the monthly report's XLSX): `target`
/// as it was set (`80`, `5` for +5 %, as in the targets CSV), `target_kind` (`absolute` or `relative_change`) and
/// `target_verdict` — `met`, `missed`, `undecided`, or `insufficient` when the figure (below the minimum n) or a relative
/// target's baseline has too few data to judge. A row without a target leaves the three empty.
struct TargetColumns: Sendable, Equatable {
    static let header = ["target", "target_kind", "target_verdict"]
    static let empty = ["", "", ""]

    let target: String
    let kind: String
    let verdict: String

    init(_ target: KPITarget, _ status: TargetAttainment.Status) {
        self.target = KPITarget.number(target.target)
        kind = target.kind.rawValue
        verdict = switch status {
        case .met, .missed, .undecided: status.rawValue
        case .noData, .noBaseline: "insufficient"
        }
    }

    var cells: [String] { [target, kind, verdict] }
}
