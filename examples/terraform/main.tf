# A cluster, a task definition and a service on a quayside server.
#
#   npm run build && npm run provider:install        # once: lays the provider in ~/.terraform.d/plugins
#   terraform init && terraform apply -var endpoint=http://127.0.0.1:4100
#
# Ported from the Terraform AWS provider by renaming aws_ecs_* to quayside_*.

terraform {
  required_providers {
    quayside = {
      source = "quayside/quayside"
    }
  }
}

variable "endpoint" {
  description = "URL of the quayside server."
  type        = string
  default     = "http://127.0.0.1:4100"
}

variable "desired_count" {
  description = "How many copies of the web task to keep running."
  type        = number
  default     = 2
}

variable "container_insights" {
  description = "CloudWatch Container Insights setting of the cluster: enabled or disabled."
  type        = string
  default     = "disabled"
}

variable "image" {
  description = "Image of the web container."
  type        = string
  default     = "nginx:1.27"
}

provider "quayside" {
  endpoint   = var.endpoint
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"
}

resource "quayside_cluster" "main" {
  name = "example"

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  tags = {
    project = "quayside-example"
  }
}

resource "quayside_task_definition" "web" {
  family       = "example-web"
  network_mode = "bridge"
  memory       = "256"

  container_definitions = jsonencode([
    {
      name      = "web"
      image     = var.image
      essential = true
      portMappings = [
        { containerPort = 80, hostPort = 0, protocol = "tcp" }
      ]
    }
  ])

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.os-type == linux"
  }
}

resource "quayside_service" "web" {
  name            = "web"
  cluster         = quayside_cluster.main.arn
  task_definition = quayside_task_definition.web.arn
  desired_count   = var.desired_count

  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 50

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  ordered_placement_strategy {
    type  = "spread"
    field = "instanceId"
  }

  tags = {
    project = "quayside-example"
  }
}

data "quayside_cluster" "main" {
  cluster_name = quayside_cluster.main.name
}

output "cluster_arn" {
  value = data.quayside_cluster.main.arn
}

output "service_arn" {
  value = quayside_service.web.arn
}

output "task_definition_revision" {
  value = quayside_task_definition.web.revision
}
