import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import Testing

/// Issue 20 item 1 and 2: `otklik targets import` takes the case KPIs (floors in percent, ceilings in percent and
/// business hours) and the survey response rate, and refuses a value out of the metric's range or a metric targets
/// cannot be set for, naming the line and the column.
@Suite struct CaseTargetCSVTests {
    @Test func acceptsTheCaseKPIsAndTheResponseRate() throws {
        let text = """
            metric,scope,code,from,to,target,kind
            sla_attainment,organisation,,2026-01-01,2026-12-31,85 %,absolute
            first_response_attainment,location,L01,2026-01-01,2026-12-31,"90,5",
            recovery_rate,region,R1,2026-01-01,2026-12-31,10,relative_change
            reopen_rate,organisation,,2026-01-01,2026-12-31,5,absolute
            first_response_hours,organisation,,2026-01-01,2026-12-31,4,absolute
            resolution_hours,organisation,,2026-01-01,2026-12-31,24,absolute
            response_rate,organisation,,2026-01-01,2026-12-31,60,absolute

            """
        let targets = try TargetCSV.parse(text)
        #expect(targets.map(\.metric) == [
            .slaAttainment, .firstResponseAttainment, .recoveryRate, .reopenRate, .firstResponseHours, .resolutionHours, .responseRate,
        ])
        #expect(targets.map(\.target) == [85, 90.5, 10, 5, 4, 24, 60])
        #expect(targets.map(\.higherIsBetter) == [true, true, true, false, false, false, true], "reopen rate and the times are ceilings")
        #expect(targets.compactMap(\.metric.caseMetric) == [
            .slaAttainment, .firstResponseAttainment, .recoveryRate, .reopenRate, .firstResponseHours, .resolutionHours,
        ], "the response rate is no case KPI")
    }

    @Test func refusesAValueOutOfRangeOrAMetricWithoutTargetsNamingTheColumn() {
        let rows: [(String, String, String)] = [
            ("sla_attainment,organisation,,2026-01-01,2026-12-31,120,absolute", "target", "a sla_attainment target must lie in 0…100"),
            ("reopen_rate,organisation,,2026-01-01,2026-12-31,-1,absolute", "target", "a reopen_rate target must lie in 0…100"),
            ("resolution_hours,organisation,,2026-01-01,2026-12-31,20000,absolute", "target", "a resolution_hours target must lie in 0…10000"),
            ("response_rate,organisation,,2026-01-01,2026-12-31,101,absolute", "target", "a response_rate target must lie in 0…100"),
            ("backlog,organisation,,2026-01-01,2026-12-31,10,absolute", "metric", "unknown metric 'backlog'"),
            ("sla_attainment,location,,2026-01-01,2026-12-31,85,absolute", "code", "a location target needs the location's code"),
        ]
        for (row, column, message) in rows {
            do {
                _ = try TargetCSV.parse("metric,scope,code,from,to,target,kind\nsla_attainment,organisation,,2026-01-01,2026-12-31,85,\n\(row)\n")
                Issue.record("\(row) was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 3, column \(column)", "\(row): \(error)")
                #expect(error.message.contains(message), "\(row): \(error.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
