import { compileWildcard } from '../policy/wildcard';
import { editDistance } from './services';

/**
 * The IAM action names of the services this app models, written from the Service Authorization
 * Reference, "Actions defined by …" of each service
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/<page>), then completed and corrected
 * where the comparison below disagreed (see the README). Each list is complete for its service: `actions.test.ts` compares it with an independent data set in both directions, so a name missing
 * here (which would give a false "unknown action" warning) fails the tests.
 *
 * Action names are case-insensitive in policies ("IAM JSON policy elements: Action": "the action name is
 * case insensitive"), so every look-up here ignores case; the lists keep AWS's spelling for suggestions.
 */

/** The services whose full action list is known, by prefix. */
export const ACTION_LIST_SERVICES = ['s3', 'sns', 'sqs', 'lambda', 'execute-api', 'apigateway', 'events', 'dynamodb', 'kms', 'sts', 'iam'] as const;

/** A service prefix whose full action list is known. */
export type ActionListService = (typeof ACTION_LIST_SERVICES)[number];

/** One service's actions, as the Service Authorization Reference lists them. */
export interface ServiceActions {
  /** How messages name the service ("an S3 action"). */
  readonly label: string;
  readonly article: 'a' | 'an';
  /** The reference page(s) under https://docs.aws.amazon.com/service-authorization/latest/reference/. */
  readonly page: string;
  /** Every action name, AWS's spelling, sorted case-insensitively. */
  readonly actions: readonly string[];
}

interface Entry {
  readonly label: string;
  readonly article: 'a' | 'an';
  readonly page: string;
  /** Space-separated names (compact to keep the data readable and small). */
  readonly names: string;
}

const DATA: Readonly<Record<ActionListService, Entry>> = {
  's3': {
    label: 'S3',
    article: 'an',
    page: 'list_amazons3.html',
    names: `
    AbortMultipartUpload AllowVendedLogDeliveryForResource AssociateAccessGrantsIdentityCenter
    BypassGovernanceRetention CreateAccessGrant CreateAccessGrantsInstance CreateAccessGrantsLocation
    CreateAccessPoint CreateAccessPointForObjectLambda CreateBucket CreateBucketMetadataTableConfiguration CreateJob
    CreateMultiRegionAccessPoint CreateStorageLensGroup DeleteAccessGrant DeleteAccessGrantsInstance
    DeleteAccessGrantsInstanceResourcePolicy DeleteAccessGrantsLocation DeleteAccessPoint
    DeleteAccessPointForObjectLambda DeleteAccessPointPolicy DeleteAccessPointPolicyForObjectLambda DeleteBucket
    DeleteBucketMetadataTableConfiguration DeleteBucketPolicy DeleteBucketWebsite DeleteJobTagging
    DeleteMultiRegionAccessPoint DeleteObject DeleteObjectAnnotation DeleteObjectTagging DeleteObjectVersion
    DeleteObjectVersionAnnotation DeleteObjectVersionTagging DeleteStorageLensConfiguration
    DeleteStorageLensConfigurationTagging DeleteStorageLensGroup DescribeJob DescribeMultiRegionAccessPointOperation
    DissociateAccessGrantsIdentityCenter GetAccelerateConfiguration GetAccessGrant GetAccessGrantsInstance
    GetAccessGrantsInstanceForPrefix GetAccessGrantsInstanceResourcePolicy GetAccessGrantsLocation GetAccessPoint
    GetAccessPointConfigurationForObjectLambda GetAccessPointForObjectLambda GetAccessPointPolicy
    GetAccessPointPolicyForObjectLambda GetAccessPointPolicyStatus GetAccessPointPolicyStatusForObjectLambda
    GetAccountPublicAccessBlock GetAnalyticsConfiguration GetBucketAbac GetBucketAcl GetBucketCORS GetBucketLocation
    GetBucketLogging GetBucketMetadataTableConfiguration GetBucketNotification GetBucketObjectLockConfiguration
    GetBucketOwnershipControls GetBucketPolicy GetBucketPolicyStatus GetBucketPublicAccessBlock
    GetBucketRequestPayment GetBucketTagging GetBucketVersioning GetBucketWebsite GetDataAccess
    GetEncryptionConfiguration GetIntelligentTieringConfiguration GetInventoryConfiguration GetJobTagging
    GetLifecycleConfiguration GetMetricsConfiguration GetMultiRegionAccessPoint GetMultiRegionAccessPointPolicy
    GetMultiRegionAccessPointPolicyStatus GetMultiRegionAccessPointRoutes GetObject GetObjectAcl GetObjectAnnotation
    GetObjectAttributes GetObjectLegalHold GetObjectRetention GetObjectTagging GetObjectTorrent GetObjectVersion
    GetObjectVersionAcl GetObjectVersionAnnotation GetObjectVersionAnnotationForReplication
    GetObjectVersionAttributes GetObjectVersionForReplication GetObjectVersionTagging GetObjectVersionTorrent
    GetReplicationConfiguration GetStorageLensConfiguration GetStorageLensConfigurationTagging
    GetStorageLensDashboard GetStorageLensGroup InitiateReplication ListAccessGrants ListAccessGrantsInstances
    ListAccessGrantsLocations ListAccessPoints ListAccessPointsForObjectLambda ListAllMyBuckets ListBucket
    ListBucketMultipartUploads ListBucketVersions ListCallerAccessGrants ListJobs ListMultipartUploadParts
    ListMultiRegionAccessPoints ListObjectAnnotations ListObjectVersionAnnotations ListStorageLensConfigurations
    ListStorageLensGroups ListTagsForResource ObjectOwnerOverrideToBucketOwner PauseReplication
    PutAccelerateConfiguration PutAccessGrantsInstanceResourcePolicy PutAccessPointConfigurationForObjectLambda
    PutAccessPointPolicy PutAccessPointPolicyForObjectLambda PutAccessPointPublicAccessBlock
    PutAccountPublicAccessBlock PutAnalyticsConfiguration PutBucketAbac PutBucketAcl PutBucketCORS PutBucketLogging
    PutBucketNotification PutBucketObjectLockConfiguration PutBucketOwnershipControls PutBucketPolicy
    PutBucketPublicAccessBlock PutBucketRequestPayment PutBucketTagging PutBucketVersioning PutBucketWebsite
    PutEncryptionConfiguration PutIntelligentTieringConfiguration PutInventoryConfiguration PutJobTagging
    PutLifecycleConfiguration PutMetricsConfiguration PutMultiRegionAccessPointPolicy PutObject PutObjectAcl
    PutObjectAnnotation PutObjectLegalHold PutObjectRetention PutObjectTagging PutObjectVersionAcl
    PutObjectVersionAnnotation PutObjectVersionTagging PutReplicationConfiguration PutStorageLensConfiguration
    PutStorageLensConfigurationTagging ReplicateDelete ReplicateObject ReplicateObjectAnnotation ReplicateTags
    RestoreObject SubmitMultiRegionAccessPointRoutes TagResource UntagResource UpdateAccessGrantsLocation
    UpdateBucketMetadataAnnotationTableConfiguration UpdateBucketMetadataInventoryTableConfiguration
    UpdateBucketMetadataJournalTableConfiguration UpdateJobPriority UpdateJobStatus UpdateObjectEncryption
    UpdateStorageLensGroup
    `,
  },
  'sns': {
    label: 'SNS',
    article: 'an',
    page: 'list_amazonsns.html',
    names: `
    AddPermission CheckIfPhoneNumberIsOptedOut ConfirmSubscription CreatePlatformApplication CreatePlatformEndpoint
    CreateSMSSandboxPhoneNumber CreateTopic DeleteEndpoint DeletePlatformApplication DeleteSMSSandboxPhoneNumber
    DeleteTopic GetDataProtectionPolicy GetEndpointAttributes GetPlatformApplicationAttributes GetSMSAttributes
    GetSMSSandboxAccountStatus GetSubscriptionAttributes GetTopicAttributes ListEndpointsByPlatformApplication
    ListOriginationNumbers ListPhoneNumbersOptedOut ListPlatformApplications ListSMSSandboxPhoneNumbers
    ListSubscriptions ListSubscriptionsByTopic ListTagsForResource ListTopics OptInPhoneNumber Publish
    PutDataProtectionPolicy RemovePermission SetEndpointAttributes SetPlatformApplicationAttributes SetSMSAttributes
    SetSubscriptionAttributes SetTopicAttributes Subscribe TagResource Unsubscribe UntagResource
    VerifySMSSandboxPhoneNumber
    `,
  },
  'sqs': {
    label: 'SQS',
    article: 'an',
    page: 'list_amazonsqs.html',
    names: `
    AddPermission CancelMessageMoveTask ChangeMessageVisibility CreateQueue DeleteMessage DeleteQueue
    GetQueueAttributes GetQueueUrl ListDeadLetterSourceQueues ListMessageMoveTasks ListQueues ListQueueTags
    PurgeQueue ReceiveMessage RemovePermission SendMessage SetQueueAttributes StartMessageMoveTask TagQueue
    UntagQueue
    `,
  },
  'lambda': {
    label: 'Lambda',
    article: 'a',
    page: 'list_awslambda.html',
    names: `
    AddLayerVersionPermission AddPermission CheckpointDurableExecution ConnectMicrovm CreateAlias
    CreateCapacityProvider CreateCodeSigningConfig CreateEventSourceMapping CreateFunction CreateFunctionUrlConfig
    CreateMicrovmAuthToken CreateMicrovmImage CreateMicrovmShellAuthToken CreateNetworkConnector DeleteAlias
    DeleteCapacityProvider DeleteCodeSigningConfig DeleteEventSourceMapping DeleteFunction
    DeleteFunctionCodeSigningConfig DeleteFunctionConcurrency DeleteFunctionEventInvokeConfig
    DeleteFunctionUrlConfig DeleteLayerVersion DeleteMicrovmImage DeleteMicrovmImageVersion DeleteNetworkConnector
    DeleteProvisionedConcurrencyConfig DeleteResourcePolicy DisableReplication EnableReplication GetAccountSettings
    GetAlias GetCapacityProvider GetCodeSigningConfig GetDurableExecution GetDurableExecutionHistory
    GetDurableExecutionState GetEventSourceMapping GetFunction GetFunctionCodeSigningConfig GetFunctionConcurrency
    GetFunctionConfiguration GetFunctionEventInvokeConfig GetFunctionRecursionConfig GetFunctionScalingConfig
    GetFunctionUrlConfig GetLayerVersion GetLayerVersionPolicy GetMicrovm GetMicrovmImage GetMicrovmImageBuild
    GetMicrovmImageVersion GetNetworkConnector GetPolicy GetProvisionedConcurrencyConfig GetResourcePolicy
    GetRuntimeManagementConfig InvokeAsync InvokeFunction InvokeFunctionUrl ListAliases ListCapacityProviders
    ListCodeSigningConfigs ListDurableExecutionsByFunction ListEventSourceMappings ListFunctionEventInvokeConfigs
    ListFunctions ListFunctionsByCodeSigningConfig ListFunctionUrlConfigs ListFunctionVersionsByCapacityProvider
    ListLayers ListLayerVersions ListManagedMicrovmImages ListManagedMicrovmImageVersions ListMicrovmImageBuilds
    ListMicrovmImages ListMicrovmImageVersions ListMicrovms ListNetworkConnectors ListProvisionedConcurrencyConfigs
    ListTags ListVersionsByFunction PassCapacityProvider PassNetworkConnector PublishLayerVersion PublishVersion
    PutFunctionCodeSigningConfig PutFunctionConcurrency PutFunctionEventInvokeConfig PutFunctionRecursionConfig
    PutFunctionScalingConfig PutProvisionedConcurrencyConfig PutResourcePolicy PutRuntimeManagementConfig
    RemoveLayerVersionPermission RemovePermission ResumeMicrovm RunMicrovm SendDurableExecutionCallbackFailure
    SendDurableExecutionCallbackHeartbeat SendDurableExecutionCallbackSuccess StopDurableExecution SuspendMicrovm
    TagResource TerminateMicrovm UntagResource UpdateAlias UpdateCapacityProvider UpdateCodeSigningConfig
    UpdateEventSourceMapping UpdateFunctionCode UpdateFunctionCodeSigningConfig UpdateFunctionConfiguration
    UpdateFunctionEventInvokeConfig UpdateFunctionUrlConfig UpdateMicrovmImage UpdateMicrovmImageVersion
    UpdateNetworkConnector
    `,
  },
  'execute-api': {
    label: 'API Gateway (execute-api)',
    article: 'an',
    page: 'list_amazonapigateway.html',
    names: `
    InvalidateCache Invoke ManageConnections
    `,
  },
  'apigateway': {
    label: 'API Gateway management',
    article: 'an',
    page: 'list_amazonapigatewaymanagement.html and list_amazonapigatewaymanagementv2.html',
    names: `
    AddCertificateToDomain CreateAccessAssociation CreatePortal CreatePortalProduct CreateProductPage
    CreateProductRestEndpointPage CreateRoutingRule DELETE DeletePortal DeletePortalProduct
    DeletePortalProductSharingPolicy DeleteProductPage DeleteProductRestEndpointPage DeleteRoutingRule DisablePortal
    GET GetPortal GetPortalProduct GetPortalProductSharingPolicy GetProductPage GetProductRestEndpointPage
    GetRoutingRule ListPortalProducts ListPortals ListProductPages ListProductRestEndpointPages ListRoutingRules
    PATCH POST PreviewPortal PublishPortal PUT PutPortalProductSharingPolicy RejectAccessAssociation
    RemoveCertificateFromDomain SetWebACL UpdateDomainNameManagementPolicy UpdateDomainNamePolicy UpdatePortal
    UpdatePortalProduct UpdateProductPage UpdateProductRestEndpointPage UpdateRestApiPolicy UpdateRoutingRule
    `,
  },
  'events': {
    label: 'EventBridge',
    article: 'an',
    page: 'list_amazoneventbridge.html',
    names: `
    ActivateEventSource AllowVendedLogDeliveryForResource CancelReplay CreateApiDestination CreateArchive
    CreateConnection CreateEndpoint CreateEventBus CreateEventSource CreatePartnerEventSource CreateSubscriber
    DeactivateEventSource DeauthorizeConnection DeleteApiDestination DeleteArchive DeleteConnection DeleteEndpoint
    DeleteEventBus DeleteEventSource DeletePartnerEventSource DeleteResourcePolicy DeleteRule DeleteSubscriber
    DescribeApiDestination DescribeArchive DescribeConnection DescribeEndpoint DescribeEventBus DescribeEventSource
    DescribePartnerEventSource DescribeReplay DescribeRule DescribeSubscriber DisableRule EnableRule
    GetResourcePolicy InvokeApiDestination ListApiDestinations ListArchives ListConnections ListEndpoints
    ListEventBuses ListEventSources ListPartnerEventSourceAccounts ListPartnerEventSources ListReplays
    ListResourcePolicies ListRuleNamesByTarget ListRules ListSubscribers ListTagsForResource ListTargetsByRule
    PutEvents PutPartnerEvents PutPermission PutRawEvents PutResourcePolicy PutRule PutTargets RemovePermission
    RemoveTargets RetrieveConnectionCredentials RevokeResource StartReplay TagResource TestEventPattern
    UntagResource UpdateApiDestination UpdateArchive UpdateConnection UpdateEndpoint UpdateEventBus
    UpdateEventSource UpdateSubscriber
    `,
  },
  'dynamodb': {
    label: 'DynamoDB',
    article: 'a',
    page: 'list_amazondynamodb.html',
    names: `
    AssociateTableReplica BatchGetItem BatchWriteItem ConditionCheckItem CreateBackup CreateGlobalTable
    CreateGlobalTableWitness CreateTable CreateTableReplica DeleteBackup DeleteGlobalTableWitness DeleteItem
    DeleteResourcePolicy DeleteTable DeleteTableReplica DescribeBackup DescribeContinuousBackups
    DescribeContributorInsights DescribeEndpoints DescribeExport DescribeGlobalTable DescribeGlobalTableSettings
    DescribeImport DescribeKinesisStreamingDestination DescribeLimits DescribeReservedCapacity
    DescribeReservedCapacityOfferings DescribeStream DescribeTable DescribeTableReplicaAutoScaling
    DescribeTimeToLive DisableKinesisStreamingDestination EnableKinesisStreamingDestination ExportTableToPointInTime
    GetAbacStatus GetItem GetRecords GetResourcePolicy GetShardIterator ImportTable InjectError ListBackups
    ListContributorInsights ListExports ListGlobalTables ListImports ListStreams ListTables ListTagsOfResource
    PartiQLDelete PartiQLInsert PartiQLSelect PartiQLUpdate PurchaseReservedCapacityOfferings PutItem
    PutResourcePolicy Query ReadDataForReplication ReplicateSettings RestoreTableFromAwsBackup
    RestoreTableFromBackup RestoreTableToPointInTime Scan SearchVectors StartAwsBackupJob TagResource UntagResource
    UpdateAbacStatus UpdateContinuousBackups UpdateContributorInsights UpdateGlobalTable UpdateGlobalTableSettings
    UpdateGlobalTableVersion UpdateItem UpdateKinesisStreamingDestination UpdateTable UpdateTableReplicaAutoScaling
    UpdateTimeToLive WriteDataForReplication
    `,
  },
  'kms': {
    label: 'KMS',
    article: 'a',
    page: 'list_awskeymanagementservice.html',
    names: `
    CancelKeyDeletion ConnectCustomKeyStore CreateAlias CreateCustomKeyStore CreateGrant CreateKey Decrypt
    DeleteAlias DeleteCustomKeyStore DeleteImportedKeyMaterial DeriveSharedSecret DescribeCustomKeyStores
    DescribeKey DisableKey DisableKeyRotation DisconnectCustomKeyStore EnableKey EnableKeyRotation Encrypt
    GenerateDataKey GenerateDataKeyPair GenerateDataKeyPairWithoutPlaintext GenerateDataKeyWithoutPlaintext
    GenerateMac GenerateRandom GetKeyLastUsage GetKeyPolicy GetKeyRotationStatus GetParametersForImport GetPublicKey
    ImportKeyMaterial ListAliases ListGrants ListKeyPolicies ListKeyRotations ListKeys ListResourceTags
    ListRetirableGrants PutKeyPolicy ReEncryptFrom ReEncryptTo ReplicateKey RetireGrant RevokeGrant
    RotateKeyOnDemand ScheduleKeyDeletion Sign SynchronizeMultiRegionKey TagResource UntagResource UpdateAlias
    UpdateCustomKeyStore UpdateKeyDescription UpdatePrimaryRegion Verify VerifyMac
    `,
  },
  'sts': {
    label: 'STS',
    article: 'an',
    page: 'list_awssecuritytokenservice.html',
    names: `
    AssumeRole AssumeRoleWithSAML AssumeRoleWithWebIdentity AssumeRoot DecodeAuthorizationMessage GetAccessKeyInfo
    GetCallerIdentity GetDelegatedAccessToken GetFederationToken GetServiceBearerToken GetSessionToken
    GetWebIdentityToken SetContext SetSourceIdentity TagGetWebIdentityToken TagSession
    `,
  },
  'iam': {
    label: 'IAM',
    article: 'an',
    page: 'list_awsidentityandaccessmanagementiam.html',
    names: `
    AcceptDelegationRequest AddClientIDToOpenIDConnectProvider AddRoleToInstanceProfile AddUserToGroup
    AssociateDelegationRequest AttachGroupPolicy AttachRolePolicy AttachUserPolicy ChangePassword CreateAccessKey
    CreateAccountAlias CreateDelegationRequest CreateGroup CreateInstanceProfile CreateLoginProfile
    CreateOpenIDConnectProvider CreatePolicy CreatePolicyVersion CreateRole CreateSAMLProvider
    CreateServiceLinkedRole CreateServiceSpecificCredential CreateUser CreateVirtualMFADevice DeactivateMFADevice
    DeleteAccessKey DeleteAccountAlias DeleteAccountPasswordPolicy DeleteCloudFrontPublicKey DeleteGroup
    DeleteGroupPolicy DeleteInstanceProfile DeleteLoginProfile DeleteOpenIDConnectProvider DeletePolicy
    DeletePolicyVersion DeleteRole DeleteRolePermissionsBoundary DeleteRolePolicy DeleteSAMLProvider
    DeleteServerCertificate DeleteServiceLinkedRole DeleteServiceSpecificCredential DeleteSigningCertificate
    DeleteSSHPublicKey DeleteUser DeleteUserPermissionsBoundary DeleteUserPolicy DeleteVirtualMFADevice
    DetachGroupPolicy DetachRolePolicy DetachUserPolicy DisableOrganizationsRootCredentialsManagement
    DisableOrganizationsRootSessions DisableOutboundWebIdentityFederation EnableMFADevice
    EnableOrganizationsRootCredentialsManagement EnableOrganizationsRootSessions EnableOutboundWebIdentityFederation
    GenerateCredentialReport GenerateOrganizationsAccessReport GenerateServiceLastAccessedDetails
    GetAccessKeyLastUsed GetAccountAuthorizationDetails GetAccountEmailAddress GetAccountName
    GetAccountPasswordPolicy GetAccountProperties GetAccountSummary GetCloudFrontPublicKey
    GetContextKeysForCustomPolicy GetContextKeysForPrincipalPolicy GetCredentialReport GetDelegationRequest GetGroup
    GetGroupPolicy GetHumanReadableSummary GetInstanceProfile GetLoginProfile GetMFADevice GetOpenIDConnectProvider
    GetOrganizationsAccessReport GetOutboundWebIdentityFederationInfo GetPolicy GetPolicyVersion GetRole
    GetRolePolicy GetRoleTemplateVersion GetSAMLProvider GetServerCertificate GetServiceLastAccessedDetails
    GetServiceLastAccessedDetailsWithEntities GetServiceLinkedRoleDeletionStatus GetSSHPublicKey GetUser
    GetUserPolicy ListAccessKeys ListAccountAliases ListAttachedGroupPolicies ListAttachedRolePolicies
    ListAttachedUserPolicies ListCloudFrontPublicKeys ListDelegationRequests ListEntitiesForPolicy ListGroupPolicies
    ListGroups ListGroupsForUser ListInstanceProfiles ListInstanceProfilesForRole ListInstanceProfileTags
    ListMFADevices ListMFADeviceTags ListOpenIDConnectProviders ListOpenIDConnectProviderTags
    ListOrganizationsFeatures ListPolicies ListPoliciesGrantingServiceAccess ListPolicyTags ListPolicyVersions
    ListRolePolicies ListRoles ListRoleTags ListSAMLProviders ListSAMLProviderTags ListServerCertificates
    ListServerCertificateTags ListServiceSpecificCredentials ListSigningCertificates ListSSHPublicKeys
    ListSTSRegionalEndpointsStatus ListUserPolicies ListUsers ListUserTags ListVirtualMFADevices PassRole
    PutAccountProperties PutGroupPolicy PutRolePermissionsBoundary PutRolePolicy PutUserPermissionsBoundary
    PutUserPolicy RejectDelegationRequest RemoveClientIDFromOpenIDConnectProvider RemoveRoleFromInstanceProfile
    RemoveUserFromGroup ResetServiceSpecificCredential ResyncMFADevice SendDelegationToken SetDefaultPolicyVersion
    SetSecurityTokenServicePreferences SetSTSRegionalEndpointStatus SimulateCustomPolicy SimulatePrincipalPolicy
    TagInstanceProfile TagMFADevice TagOpenIDConnectProvider TagPolicy TagRole TagSAMLProvider TagServerCertificate
    TagUser UntagInstanceProfile UntagMFADevice UntagOpenIDConnectProvider UntagPolicy UntagRole UntagSAMLProvider
    UntagServerCertificate UntagUser UpdateAccessKey UpdateAccountEmailAddress UpdateAccountName
    UpdateAccountPasswordPolicy UpdateAssumeRolePolicy UpdateCloudFrontPublicKey UpdateGroup UpdateLoginProfile
    UpdateOpenIDConnectProviderThumbprint UpdateRole UpdateRoleDescription UpdateSAMLProvider
    UpdateServerCertificate UpdateServiceSpecificCredential UpdateSigningCertificate UpdateSSHPublicKey UpdateUser
    UploadCloudFrontPublicKey UploadServerCertificate UploadSigningCertificate UploadSSHPublicKey
    `,
  },
};

interface Indexed extends ServiceActions {
  /** lower-case name → AWS's spelling */
  readonly byLower: ReadonlyMap<string, string>;
}

// Built on first use, so that bundles which only re-export the engine (the evaluation worker) drop the data.
let index: ReadonlyMap<string, Indexed> | undefined;
function indexed(): ReadonlyMap<string, Indexed> {
  index ??= new Map(
    Object.entries(DATA).map(([prefix, e]) => {
      const actions = e.names.split(/\s+/).filter(Boolean);
      return [prefix, { label: e.label, article: e.article, page: e.page, actions, byLower: new Map(actions.map((a) => [a.toLowerCase(), a])) }];
    }),
  );
  return index;
}

/** The action list of a service prefix (any case), or `undefined` when this app does not hold one. */
export function serviceActions(prefix: string): ServiceActions | undefined {
  return indexed().get(prefix.toLowerCase());
}

/** What an action (`service:Name`, wildcards allowed) is, judged against the known lists. */
export type ActionVerdict =
  /** The service's list is not held here (or the text is not service:Name): nothing to say. */
  | { readonly kind: 'unlisted-service' }
  /** A known action, or a wildcard that matches at least one. */
  | { readonly kind: 'known' }
  /** No such action; `suggestion` is the closest name, written `service:Name` with the prefix as typed. */
  | { readonly kind: 'unknown'; readonly service: ServiceActions; readonly suggestion?: string }
  /** A wildcard pattern that matches no action of the service. */
  | { readonly kind: 'matches-none'; readonly service: ServiceActions };

/**
 * Judges one action string. A name is compared case-insensitively; a name with `*` or `?` is a pattern
 * that must match at least one action of the service (IAM wildcards, "IAM JSON policy elements: Action").
 */
export function judgeAction(action: string): ActionVerdict {
  const colon = action.indexOf(':');
  if (colon <= 0) return { kind: 'unlisted-service' };
  const prefix = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const service = indexed().get(prefix.toLowerCase());
  if (!service || name === '') return { kind: 'unlisted-service' };
  if (name.includes('*') || name.includes('?')) {
    const matches = compileWildcard(name, true);
    return service.actions.some(matches) ? { kind: 'known' } : { kind: 'matches-none', service };
  }
  const lower = name.toLowerCase();
  if (service.byLower.has(lower)) return { kind: 'known' };
  const closest = closestName(service, lower);
  return { kind: 'unknown', service, ...(closest ? { suggestion: `${prefix}:${closest}` } : {}) };
}

/**
 * The closest action name by edit distance (case-insensitive), if it is close enough to be a plausible
 * misspelling: within a third of the name's length, and at least 2 edits always allowed. Ties go to the
 * first in the list (alphabetical).
 */
function closestName(service: Indexed, lower: string): string | undefined {
  const limit = Math.max(2, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const [candidate, spelled] of service.byLower) {
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, candidate, bestDistance - 1);
    if (d < bestDistance) {
      best = spelled;
      bestDistance = d;
    }
  }
  return best;
}
