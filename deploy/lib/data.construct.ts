import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLES, type KeyAttribute, type TableDefinition, type TableName } from '@buddie/persistence';

export interface BuddieTablesProps {
  physicalName: (logical: string) => string;
  retainData: boolean;
}

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
});

/** One DynamoDB table per entry of TABLES, the same list the local boot creates. */
export class BuddieTables extends Construct {
  readonly tables: Record<TableName, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: BuddieTablesProps) {
    super(scope, id);
    const entries = Object.entries(TABLES) as [TableName, TableDefinition][];
    this.tables = Object.fromEntries(entries.map(([name, def]) => [name, this.table(name, def, props)])) as Record<
      TableName,
      dynamodb.Table
    >;
  }

  private table(name: TableName, def: TableDefinition, props: BuddieTablesProps): dynamodb.Table {
    const table = new dynamodb.Table(this, name, {
      tableName: props.physicalName(def.logicalName),
      partitionKey: attribute(def.partitionKey),
      sortKey: def.sortKey ? attribute(def.sortKey) : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: def.ttlAttribute,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of def.indexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}
