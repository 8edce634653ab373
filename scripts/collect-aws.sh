#!/usr/bin/env bash
# Collects what Crossaccount imports from your AWS accounts into one bundle file, which the app reads
# in one drop (File > Import AWS data..., or drop it on the canvas). Nothing is sent anywhere: the AWS CLI
# calls AWS with your credentials, this script writes a file, and the app reads it in your browser.
#
# Read-only: every call is a get-, list- or describe- call (sts get-caller-identity needs no permission).
# The IAM permissions it needs are listed in README.md ("Collecting from AWS"). A call that is refused is
# recorded in the bundle (the app reports it) and the collection goes on.
#
# Usage:
#   scripts/collect-aws.sh [-o FILE] [--profile NAME]... [--region REGION]... [--no-organizations] [--no-resources]
#
#   -o FILE             the bundle to write (default: aws-bundle.json)
#   --profile NAME      an AWS CLI profile to collect; repeat for several accounts (default: the current credentials)
#   --region REGION     a Region to list regional resources in; repeat for several (default: the profile's Region)
#   --no-organizations  skip AWS Organizations (only the management account or a delegated administrator can read it)
#   --no-resources      skip resource policies (S3, SNS, SQS, Lambda, KMS, EventBridge, DynamoDB, API Gateway)
#
# Needs bash and the AWS CLI (version 1 or 2) on PATH.

set -euo pipefail

OUT="aws-bundle.json"
PROFILES=()
REGIONS=()
ORGANIZATIONS=1
RESOURCES=1

usage() {
  sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    -o | --output) OUT="$2"; shift 2 ;;
    --profile) PROFILES+=("$2"); shift 2 ;;
    --region) REGIONS+=("$2"); shift 2 ;;
    --no-organizations) ORGANIZATIONS=0; shift ;;
    --no-resources) RESOURCES=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "collect-aws.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v aws > /dev/null 2>&1; then
  echo "collect-aws.sh: the AWS CLI (aws) is not on PATH: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html" >&2
  exit 1
fi

TMP="$(mktemp "${OUT}.partial.XXXXXX")"
trap 'rm -f "$TMP"' EXIT
FIRST_ITEM=1
ITEMS=0
REFUSED=0

# A JSON string: backslashes, quotes and control characters escaped.
json_string() {
  local s
  s="$(printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037')"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\r'/\\r}"
  s="${s//$'\t'/\\t}"
  printf '"%s"' "$s"
}

# Calls the AWS CLI with the current profile (if any) and JSON output.
awsc() {
  if [ -n "${PROFILE:-}" ]; then
    aws --profile "$PROFILE" --no-cli-pager --output json "$@"
  else
    aws --no-cli-pager --output json "$@"
  fi
}

# Text output of a --query, for lists of names (empty when the call is refused).
awst() {
  if [ -n "${PROFILE:-}" ]; then
    aws --profile "$PROFILE" --no-cli-pager --output text "$@" 2> /dev/null || true
  else
    aws --no-cli-pager --output text "$@" 2> /dev/null || true
  fi
}

# item SERVICE COMMAND REGION ARGNAME ARGVALUE [ARGNAME ARGVALUE]... -- [EXTRA CLI ARGUMENTS]...
# Runs one read-only call and appends it to the bundle with its account, Region and arguments: its output,
# or the error AWS gave.
item() {
  local service="$1" command="$2" region="$3"
  shift 3
  local args_json="" cli=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    args_json+="${args_json:+,}$(json_string "$1"):$(json_string "$2")"
    cli+=("--$1" "$2")
    shift 2
  done
  [ $# -gt 0 ] && shift
  cli+=("$@")
  local region_cli=()
  [ -n "$region" ] && region_cli=(--region "$region")
  local out err status=0
  err="$(mktemp)"
  out="$(awsc "$service" "$command" "${region_cli[@]}" "${cli[@]}" 2> "$err")" || status=$?
  if [ "$FIRST_ITEM" -eq 1 ]; then FIRST_ITEM=0; else printf ',\n' >> "$TMP"; fi
  {
    printf '{"command":%s,"account":%s' "$(json_string "$service $command")" "$(json_string "$ACCOUNT")"
    [ -n "$region" ] && printf ',"region":%s' "$(json_string "$region")"
    printf ',"args":{%s}' "$args_json"
    if [ "$status" -eq 0 ]; then
      printf ',"output":%s}' "${out:-null}"
    else
      printf ',"error":%s}' "$(json_string "$(tr '\n' ' ' < "$err")")"
    fi
  } >> "$TMP"
  rm -f "$err"
  ITEMS=$((ITEMS + 1))
  [ "$status" -eq 0 ] || REFUSED=$((REFUSED + 1))
  return 0
}

collect_account() {
  ACCOUNT="$(awst sts get-caller-identity --query Account)"
  if [ -z "$ACCOUNT" ]; then
    echo "collect-aws.sh: no credentials${PROFILE:+ for profile $PROFILE} (aws sts get-caller-identity failed); skipped" >&2
    return 0
  fi
  local regions=("${REGIONS[@]}")
  if [ ${#regions[@]} -eq 0 ]; then
    local configured
    configured="$(if [ -n "${PROFILE:-}" ]; then aws --profile "$PROFILE" configure get region 2> /dev/null; else aws configure get region 2> /dev/null; fi || true)"
    regions=("${configured:-us-east-1}")
  fi
  echo "collect-aws.sh: account $ACCOUNT${PROFILE:+ (profile $PROFILE)}, Regions ${regions[*]}" >&2

  # IAM: every user, group, role and managed policy (the CLI fetches every page), and the account's alias.
  item iam get-account-authorization-details ""
  item iam list-account-aliases ""

  if [ "$RESOURCES" -eq 1 ]; then
    local bucket location name arn id url
    for bucket in $(awst s3api list-buckets --query 'Buckets[].Name'); do
      location="$(awst s3api get-bucket-location --bucket "$bucket" --query LocationConstraint)"
      case "$location" in None | null | "") location="us-east-1" ;; EU) location="eu-west-1" ;; esac
      item s3api get-bucket-policy "$location" bucket "$bucket"
    done
    local region
    for region in "${regions[@]}"; do
      for arn in $(awst sns list-topics --region "$region" --query 'Topics[].TopicArn'); do
        item sns get-topic-attributes "$region" topic-arn "$arn"
      done
      for url in $(awst sqs list-queues --region "$region" --query 'QueueUrls[]'); do
        item sqs get-queue-attributes "$region" queue-url "$url" -- --attribute-names Policy QueueArn
      done
      for name in $(awst lambda list-functions --region "$region" --query 'Functions[].FunctionName'); do
        item lambda get-policy "$region" function-name "$name"
      done
      for id in $(awst kms list-keys --region "$region" --query 'Keys[].KeyId'); do
        item kms get-key-policy "$region" key-id "$id" policy-name default
      done
      for name in $(awst events list-event-buses --region "$region" --query 'EventBuses[].Name'); do
        item events describe-event-bus "$region" name "$name"
      done
      for name in $(awst dynamodb list-tables --region "$region" --query 'TableNames[]'); do
        item dynamodb get-resource-policy "$region" resource-arn "arn:${PARTITION}:dynamodb:${region}:${ACCOUNT}:table/${name}"
      done
      for id in $(awst apigateway get-rest-apis --region "$region" --query 'items[].id'); do
        item apigateway get-rest-api "$region" rest-api-id "$id"
      done
    done
  fi

  if [ "$ORGANIZATIONS" -eq 1 ] && [ "$ORG_DONE" -eq 0 ]; then
    local org
    org="$(awst organizations describe-organization --query Organization.Id)"
    if [ -n "$org" ]; then
      ORG_DONE=1
      item organizations describe-organization ""
      item organizations list-roots ""
      item organizations list-accounts ""
      # Every OU, breadth first from the roots: each listed with the parent it was listed for.
      local parents=() next=() parent ou
      read -r -a parents <<< "$(awst organizations list-roots --query 'Roots[].Id')"
      while [ ${#parents[@]} -gt 0 ]; do
        next=()
        for parent in "${parents[@]}"; do
          item organizations list-organizational-units-for-parent "" parent-id "$parent"
          for ou in $(awst organizations list-organizational-units-for-parent --parent-id "$parent" --query 'OrganizationalUnits[].Id'); do
            next+=("$ou")
          done
        done
        parents=("${next[@]+"${next[@]}"}")
      done
      local filter policy
      for filter in SERVICE_CONTROL_POLICY RESOURCE_CONTROL_POLICY; do
        item organizations list-policies "" filter "$filter"
        for policy in $(awst organizations list-policies --filter "$filter" --query 'Policies[].Id'); do
          item organizations describe-policy "" policy-id "$policy"
          item organizations list-targets-for-policy "" policy-id "$policy"
        done
      done
    fi
  fi
}

ORG_DONE=0
printf '{"format":"crossaccount-aws-bundle","version":1,"collectedAt":"%s","items":[\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$TMP"
if [ ${#PROFILES[@]} -eq 0 ]; then
  PROFILE=""
  PARTITION="$(awst sts get-caller-identity --query Arn | cut -d: -f2)"
  PARTITION="${PARTITION:-aws}"
  collect_account
else
  for PROFILE in "${PROFILES[@]}"; do
    PARTITION="$(awst sts get-caller-identity --query Arn | cut -d: -f2)"
    PARTITION="${PARTITION:-aws}"
    collect_account
  done
fi
printf '\n]}\n' >> "$TMP"
mv "$TMP" "$OUT"
trap - EXIT
echo "collect-aws.sh: wrote $OUT ($ITEMS calls, $REFUSED refused or without a policy). Drop it on the Crossaccount canvas to import it." >&2
