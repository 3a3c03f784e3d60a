import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze experiment`: the effect of a randomised change on a metric, from a CSV of units (``ExperimentAnalysis``).
struct AnalyzeExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "The effect of a randomised change (treatment − control) with its interval, test, CUPED, clusters and the sample-ratio check.",
        discussion: """
            One row per randomised unit (customer, case, agent …). Effect = treatment − control: NPS in points, a proportion's
            in percentage points (0/1 outcomes; --outcome-map yes=1,no=0), a mean on its own scale. Tests: NPS z with the
            trinomial variance, pooled two-proportion z, Welch's t (means, and every CUPED-adjusted outcome). --pre: CUPED
            with a pre-period column. --cluster: the column of the randomised cluster (location, team, day); cluster-robust
            t, or randomisation inference below 20 clusters. --sequential: always-valid p-value and interval (mSPRT), valid
            however often you look; pass --planned-units when you look before the end. Rows with an empty outcome are left
            out and counted. The sample-ratio check compares the arms' counts with --allocation (control:treatment).
            """)

    @Option(help: "The CSV file (- for standard input).") var input: String
    @Option(help: "Column with the unit's id (each unit once).") var unit: String
    @Option(help: "Column with the arm; exactly two values.") var variant: String
    @Option(help: "The control arm's value in --variant.") var control: String = "control"
    @Option(help: "nps, proportion or mean.") var metric: ExperimentMetric = .nps
    @Option(help: "Column with the outcome.") var outcome: String
    @Option(help: "Outcome labels as numbers, e.g. yes=1,no=0.") var outcomeMap: String?
    @Option(help: "Column with the unit's pre-period value (CUPED).") var pre: String?
    @Option(help: "Column with the randomised cluster.") var cluster: String?
    @Option(help: "Planned allocation control:treatment.") var allocation: String = "50:50"
    @Flag(help: "Always-valid (sequential) p-value and interval.") var sequential = false
    @Option(help: "Units (clusters when clustered) planned at the end, for --sequential.") var plannedUnits: Int?
    @Option(help: "Significance level, between 0 and 0.5.") var alpha: Double = 0.05
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    func run() async throws {
        guard alpha > 0, alpha < 0.5 else { throw CommandFailure("--alpha must be between 0 and 0.5, e.g. 0.05") }
        if let plannedUnits, plannedUnits < 4 { throw CommandFailure("--planned-units must be at least 4") }
        let design = ExperimentDesign(
            metric: metric, alpha: alpha, controlShare: try Self.controlShare(allocation), sequential: sequential, plannedUnits: plannedUnits)
        let file = try AnalyzeInput(input)
        let (observations, excluded) = try readObservations(file)
        let result: ExperimentResult
        do {
            result = try ExperimentAnalysis.analyze(observations, design: design, excluded: excluded)
        } catch {
            throw CommandFailure("\(input): \(error)")
        }
        switch format {
        case .json: try printJSON(result)
        case .table: printTable(result)
        }
    }

    /// "50:50" → 0.5 (the control's share).
    static func controlShare(_ text: String) throws -> Double {
        let parts = text.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let c = parts[0], let t = parts[1], c > 0, t > 0 else {
            throw CommandFailure("--allocation must be control:treatment with two positive numbers, e.g. 50:50 or 90:10")
        }
        return c / (c + t)
    }

    private func readObservations(_ file: AnalyzeInput) throws -> ([ExperimentObservation], Int) {
        let units = try file.cells(unit), arms = try file.cells(variant)
        let rawOutcomes = try file.cells(outcome)
        let map = try AnalyzeInput.valueMap(outcomeMap, option: "outcome-map")
        let preValues = try pre.map { try file.cells($0) }
        let clusters = try cluster.map { try file.cells($0) }
        let values = Set(arms.map { $0.trimmingCharacters(in: .whitespaces) })
        guard values.count == 2, !values.contains("") else {
            let shown = values.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (values.count > 5 ? " …" : "")
            throw CommandFailure("\(input): --variant '\(variant)' must hold exactly two values; it holds \(values.count): \(shown)")
        }
        guard values.contains(control) else {
            throw CommandFailure("\(input): the control value '\(control)' is not in --variant '\(variant)' (\(values.sorted().joined(separator: ", "))); pass --control")
        }
        var seen: [String: Int] = [:]
        var observations: [ExperimentObservation] = []
        var excluded = 0
        for row in units.indices {
            let line = row + 2  // the header is line 1
            let id = units[row].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw CommandFailure("\(input): line \(line): the unit id is empty") }
            if let first = seen[id] { throw CommandFailure("\(input): unit '\(id)' appears on lines \(first) and \(line); one row per unit") }
            seen[id] = line
            let text = rawOutcomes[row].trimmingCharacters(in: .whitespaces)
            if text.isEmpty { excluded += 1; continue }
            guard let number = map[text.lowercased()] ?? Double(text.replacingOccurrences(of: ",", with: ".")),
                  let coded = metric.code(number) else {
                let expected = switch metric {
                case .nps: "a whole number 0-10"
                case .proportion: "0 or 1 (map labels with --outcome-map yes=1,no=0)"
                case .mean: "a number"
                }
                throw CommandFailure("\(input): line \(line): outcome '\(text)' is not \(expected)")
            }
            var preValue: Double?
            if let preValues {
                let cell = preValues[row].trimmingCharacters(in: .whitespaces)
                if !cell.isEmpty {
                    guard let value = Double(cell.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                        throw CommandFailure("\(input): line \(line): pre-period value '\(cell)' is not a number")
                    }
                    preValue = value
                }
            }
            var clusterValue: String?
            if let clusters {
                let cell = clusters[row].trimmingCharacters(in: .whitespaces)
                guard !cell.isEmpty else { throw CommandFailure("\(input): line \(line): the cluster is empty") }
                clusterValue = cell
            }
            let arm: ExperimentObservation.Arm = arms[row].trimmingCharacters(in: .whitespaces) == control ? .control : .treatment
            observations.append(ExperimentObservation(arm: arm, outcome: coded, pre: preValue, cluster: clusterValue))
        }
        return (observations, excluded)
    }

    private func printTable(_ r: ExperimentResult) {
        let digits = metric == .mean ? 3 : 1
        let unit = switch metric {
        case .nps: " NPS points"
        case .proportion: " percentage points"
        case .mean: ""
        }
        print("control:   n = \(r.control.n), \(metric.rawValue) = \(decimal(r.control.value, digits))")
        print("treatment: n = \(r.treatment.n), \(metric.rawValue) = \(decimal(r.treatment.value, digits))")
        let level = String(format: "%g", 100 * (1 - r.alpha))
        print("effect (treatment − control) = \(decimal(r.effect, digits))\(unit), \(level) % interval \(decimal(r.ciLow, digits)) … \(decimal(r.ciHigh, digits))"
            + (sequential ? " (always valid)" : ""))
        print("test \(r.test): p = \(decimal(r.pValue, 4)), " + (r.significant ? "significant" : "not significant") + " at α = \(String(format: "%g", r.alpha))")
        if let reduction = r.varianceReduction { print("CUPED: variance reduced by \(decimal(100 * reduction, 1)) %") }
        if let clusters = r.clusters { print("clusters: control \(clusters.control), treatment \(clusters.treatment) (\(clusters.method))") }
        print("sample ratio: expected \(decimal(r.srm.expected.control, 1)) : \(decimal(r.srm.expected.treatment, 1)), p = \(decimal(r.srm.pValue, 4))"
            + (r.srm.mismatch ? " — MISMATCH: the split is not what was planned; check assignment and logging before trusting the effect" : ""))
        if r.excluded > 0 { print("left out: \(r.excluded) rows without an outcome") }
    }
}

extension ExperimentMetric: ExpressibleByArgument {}
