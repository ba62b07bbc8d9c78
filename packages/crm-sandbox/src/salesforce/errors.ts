/** An error the emulator answers the way Salesforce does: `[{message, errorCode, fields?}]`. */
export class SalesforceError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toBody(): { message: string; errorCode: string; fields?: string[] }[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const notFound = (message = 'The requested resource does not exist'): SalesforceError =>
  new SalesforceError(404, 'NOT_FOUND', message);

export const noSuchColumn = (field: string, entity: string): SalesforceError =>
  new SalesforceError(
    400,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to ` +
      `append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
      `appropriate names.`,
  );

export const invalidType = (name: string): SalesforceError =>
  new SalesforceError(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append ` +
      `the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
