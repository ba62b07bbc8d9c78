// The workers of the tests run the product's job table, as bin/icp-sync.js loads it.
import '../../jobs';
