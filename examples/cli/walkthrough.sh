#!/usr/bin/env bash
# A walk through quayside with the unmodified AWS CLI. Start a server first:
#   npx quayside server --port 4100
# then: ENDPOINT=http://127.0.0.1:4100 bash examples/cli/walkthrough.sh
set -euo pipefail
endpoint="${ENDPOINT:-http://127.0.0.1:4100}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_EC2_METADATA_DISABLED=true
ecs() { aws ecs "$@" --endpoint-url "$endpoint" --output json; }

echo '# a cluster (CreateCluster is idempotent: running this twice is fine)'
ecs create-cluster --cluster-name walkthrough --query 'cluster.clusterArn'

echo '# a task definition: every call registers a new revision'
ecs register-task-definition --family walkthrough-web \
  --container-definitions '[{"name":"web","image":"quayside/busybox:test","memory":64,
    "command":["httpd","-f","-p","8080","-h","/www"],"portMappings":[{"containerPort":8080}]}]' \
  --query 'taskDefinition.taskDefinitionArn'

echo '# what the cluster and the family hold'
ecs list-clusters --query 'clusterArns'
ecs list-task-definitions --family-prefix walkthrough-web --query 'taskDefinitionArns'

echo '# tags on the cluster'
arn=$(ecs describe-clusters --clusters walkthrough --query 'clusters[0].clusterArn' | tr -d '"')
ecs tag-resource --resource-arn "$arn" --tags key=team,value=platform
ecs list-tags-for-resource --resource-arn "$arn" --query 'tags'

echo '# errors come back as ECS sends them'
ecs describe-task-definition --task-definition no-such-family 2>&1 | grep -o 'ClientException' || true
