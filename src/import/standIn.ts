/**
 * The account that stands for one a Terraform plan or CloudFormation template does not name (and no default
 * gives): not a real account (AWS assigns no id of twelve zeros), so the import report can ask for the real
 * one. A module of its own, so the page can read it without loading the importers.
 */
export const STAND_IN_ACCOUNT = '000000000000';
