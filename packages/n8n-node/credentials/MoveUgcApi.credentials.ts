import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  Icon,
  INodeProperties,
} from 'n8n-workflow';

export class MoveUgcApi implements ICredentialType {
  name = 'moveUgcApi';

  displayName = 'Move UGC API';

  icon: Icon = { light: 'file:../nodes/MoveUgc/moveUgc.svg', dark: 'file:../nodes/MoveUgc/moveUgc.dark.svg' };

  documentationUrl = 'https://github.com/move-ugc/move-ugc/tree/main/packages/n8n-node#credentials';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Your Move API key from the Move developer portal, pasted as-is (no "Bearer " prefix)',
    },
    {
      displayName: 'Endpoint',
      name: 'endpoint',
      type: 'string',
      default: 'https://api.move.ai/ugc/graphql',
      required: true,
      description:
        "Move's GraphQL endpoint. Keep the default for production; use https://api-test.move.ai/ugc/graphql for Move's test stack, or a local simulator's URL (plain http is accepted only for localhost).",
    },
  ];

  // Move expects the raw key in Authorization, without a scheme.
  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
  };

  // The smallest query there is: a wrong key answers 401 at once.
  test: ICredentialTestRequest = {
    request: {
      method: 'POST',
      url: '={{$credentials.endpoint}}',
      headers: { 'Content-Type': 'application/json' },
      body: { query: 'query { client { id name } }' },
    },
    rules: [
      {
        type: 'responseCode',
        properties: {
          value: 401,
          message:
            'Move rejected the API key. Paste it again exactly as the Move developer portal shows it, without "Bearer ".',
        },
      },
      {
        type: 'responseCode',
        properties: {
          value: 404,
          message: 'No Move API at this Endpoint. The production endpoint is https://api.move.ai/ugc/graphql.',
        },
      },
    ],
  };
}
