export * from './analyzer';
export { RulesAnalyzer } from './rules-analyzer';
export { RISK_CODES } from './prompts';
// Nest wiring below: the Jest e2e harness and the benches cannot load @nestjs/*, so they import the pure files above.
export { AnalysisModule } from './analysis.module';
export { AnalyzerModule } from './analyzer.module';
export { ANALYZER } from './analyzer.token';
export { AnalysisJobs } from './analysis-jobs.service';
export { AnalysisSubmissions } from './analysis-submissions.service';
export * from './dto/analysis-requests.dto';
export * from './dto/analysis-results.dto';
