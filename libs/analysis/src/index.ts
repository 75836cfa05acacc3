export * from './analyzer';
export { RulesAnalyzer } from './rules-analyzer';
export { RISK_CODES } from './prompts';
// Nest wiring below: Jest cannot load @nestjs/* here, so unit specs import the pure files directly.
export { AnalysisModule } from './analysis.module';
export { AnalyzerModule } from './analyzer.module';
export { ANALYZER } from './analyzer.token';
export { AnalysisJobs } from './analysis-jobs.service';
export { AnalysisSubmissions } from './analysis-submissions.service';
export * from './dto/analysis-requests.dto';
export * from './dto/analysis-results.dto';
